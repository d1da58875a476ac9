// rawQueryString() (2.0) forwards the query string as the viewer sent it
// in a header, for an origin that signs URLs.
function handler(event) {
    const request = event.request;
    const raw = request.rawQueryString();
    request.headers['x-original-query'] = { value: raw === undefined ? '(none)' : raw };
    return request;
}
