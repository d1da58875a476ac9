// Blown budgets end the invocation and cannot be caught.
function handler(event) {
    try {
        for (;;) {}
    } catch (e) {
        event.request.headers['x-caught'] = { value: 'yes' };
    }
    return event.request;
}
