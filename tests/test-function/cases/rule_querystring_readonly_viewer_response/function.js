// §4: the query string is read-only in viewer-response.
function handler(event) {
    event.request.querystring.added = { value: '1' };
    return event.response;
}
