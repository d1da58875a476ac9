// Moves an API version prefix: /api/v1/... -> /v1/... at the origin, and
// collapses repeated slashes.
function handler(event) {
    var request = event.request;
    request.uri = request.uri.replace(/\/{2,}/g, '/').replace(/^\/api\/(v\d+)\//, '/$1/');
    return request;
}
