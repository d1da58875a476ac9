// §4: Transfer-Encoding is read-only in viewer-request.
function handler(event) {
    event.request.headers['transfer-encoding'] = { value: 'chunked' };
    return event.request;
}
