// §4: query string values must not contain '#'.
function handler(event) {
    event.request.querystring.frag = { value: 'a#b' };
    return event.request;
}
