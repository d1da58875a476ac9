// runtime: cloudfront-js-1.0
// AWS sample: add index.html to requests that do not include a file name.
function handler(event) {
    var request = event.request;
    var uri = request.uri;
    if (uri.endsWith('/')) {
        request.uri += 'index.html';
    } else if (!uri.includes('.')) {
        request.uri += '/index.html';
    }
    return request;
}
var uris = ['/', '/docs/', '/blog/post-1', '/img/a.png'];
for (var i = 0; i < uris.length; i++) {
    var ev = { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.1' },
        request: { method: 'GET', uri: uris[i], querystring: {}, headers: {}, cookies: {} } };
    console.log(JSON.stringify(handler(ev)));
}
