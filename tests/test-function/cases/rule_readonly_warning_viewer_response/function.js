// §4: Warning is read-only in viewer-response.
function handler(event) {
    event.response.headers.warning = { value: '199 - "changed"' };
    return event.response;
}
