// §4: the query string counts: 8,000 (uri) + 1 ('?') + 191 = 8,192 refused.
function handler(event) {
    event.request.uri = '/' + 'u'.repeat(7999);
    event.request.querystring = { q: { value: 'v'.repeat(189) } };
    return event.request;
}
