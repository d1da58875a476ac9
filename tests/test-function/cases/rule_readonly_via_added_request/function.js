// §4: Via is read-only in viewer-request: adding it fails.
function handler(event) {
    event.request.headers.via = { value: '1.1 proxy' };
    return event.request;
}
