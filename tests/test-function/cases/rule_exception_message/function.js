// An uncaught exception: FunctionErrorMessage is "Name: message", exit 1.
function handler(event) {
    var token = event.request.headers['x-token'];
    if (!token) {
        throw new TypeError('x-token header is required');
    }
    return event.request;
}
