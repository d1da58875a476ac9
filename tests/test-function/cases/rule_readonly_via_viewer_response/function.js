// §4: Via is read-only in viewer-response.
function handler(event) {
    event.response.headers.via = { value: '1.1 mine' };
    return event.response;
}
