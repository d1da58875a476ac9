// Directory URLs end in a slash: /docs -> 301 /docs/ (paths with a file
// extension are left alone).
function handler(event) {
    var request = event.request;
    var uri = request.uri;
    var last = uri.split('/').pop();
    if (uri !== '/' && !uri.endsWith('/') && last.indexOf('.') === -1) {
        return {
            statusCode: 301,
            statusDescription: 'Moved Permanently',
            headers: { location: { value: uri + '/' } }
        };
    }
    return request;
}
