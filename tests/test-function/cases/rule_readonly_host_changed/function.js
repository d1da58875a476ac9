// §4: Host is read-only in viewer-request.
function handler(event) {
    event.request.headers.host = { value: 'origin.internal' };
    return event.request;
}
