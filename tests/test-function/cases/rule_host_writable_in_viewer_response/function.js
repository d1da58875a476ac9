// §4: the request read-only list does not apply to responses
// (Content-Length may be changed in viewer-response).
function handler(event) {
    event.response.headers['content-length'] = { value: '0' };
    return event.response;
}
