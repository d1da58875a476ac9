// §4: uri + query string of 8,192 characters is refused.
function handler(event) {
    event.request.uri = '/' + 'a'.repeat(8191);
    return event.request;
}
