// Single-page app: every path without a file extension serves /index.html.
function handler(event) {
    var request = event.request;
    var uri = request.uri;
    var last = uri.substring(uri.lastIndexOf('/') + 1);
    if (!last.includes('.')) {
        request.uri = '/index.html';
    }
    return request;
}
