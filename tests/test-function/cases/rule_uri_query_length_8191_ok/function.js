// §4: 8,000 (uri) + 1 ('?') + 190 = 8,191 is fine.
function handler(event) {
    event.request.uri = '/' + 'u'.repeat(7999);
    event.request.querystring = { q: { value: 'v'.repeat(188) } };
    return event.request;
}
