// §4: uri + query string shorter than 8,192 characters: 8,191 is fine.
function handler(event) {
    event.request.uri = '/' + 'a'.repeat(8190);
    return event.request;
}
