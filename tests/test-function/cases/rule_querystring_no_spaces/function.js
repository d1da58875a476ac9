// §4: query string values must not contain spaces.
function handler(event) {
    event.request.querystring.q = { value: 'two words' };
    return event.request;
}
