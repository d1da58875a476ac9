// exact-message
class ValidationError extends Error {
    constructor(msg) {
        super(msg);
        this.name = 'ValidationError';
    }
}
console.log('validating');
throw new ValidationError('field x is required');
