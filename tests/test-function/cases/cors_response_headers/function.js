// Adds CORS headers to responses for the allowed origins (viewer-response).
var allowed = { 'https://app.example.com': true, 'https://admin.example.com': true };

function handler(event) {
    var response = event.response;
    var origin = event.request.headers.origin;
    if (origin && allowed[origin.value]) {
        response.headers['access-control-allow-origin'] = { value: origin.value };
        response.headers['access-control-allow-credentials'] = { value: 'true' };
        response.headers['vary'] = { value: 'Origin' };
    }
    return response;
}
