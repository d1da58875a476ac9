// §4: reading the query string in viewer-response is fine.
function handler(event) {
    var a = event.request.querystring.a;
    event.response.headers['x-a'] = { value: a ? a.value : '-' };
    return event.response;
}
