// URLs are case-insensitive for people: /About-Us -> 301 /about-us.
function handler(event) {
    const request = event.request;
    const lower = request.uri.toLowerCase();
    if (lower !== request.uri) {
        return {
            statusCode: 301,
            statusDescription: 'Moved Permanently',
            headers: { location: { value: lower } }
        };
    }
    return request;
}
