// Only the session cookie reaches the cache key and the origin; analytics
// cookies are dropped.
function handler(event) {
    const request = event.request;
    const kept = {};
    for (const name of Object.keys(request.cookies)) {
        if (name === 'session-id' || name === 'cart') {
            kept[name] = request.cookies[name];
        }
    }
    request.cookies = kept;
    return request;
}
