// SPA routing with a regular expression: anything without a file
// extension is the app's index.
var hasExtension = /\.[a-z0-9]+$/i;

function handler(event) {
    var request = event.request;
    if (!hasExtension.test(request.uri)) {
        request.uri = '/index.html';
    }
    return request;
}
