// §3: a changed uri must start with '/'.
function handler(event) {
    event.request.uri = 'index.html';
    return event.request;
}
