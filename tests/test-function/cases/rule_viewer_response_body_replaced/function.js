// §3.2: viewer-response may replace the body (the original is never seen).
function handler(event) {
    var response = event.response;
    response.statusCode = 200;
    response.statusDescription = 'OK';
    response.headers['content-type'] = { value: 'application/json' };
    response.body = { encoding: 'text', data: '{"ok":true}' };
    return response;
}
