// §2: a handler must return something.
function handler(event) {
    event.request.uri = '/x';
}
