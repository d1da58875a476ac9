// Helpers people write: copy headers, build a cache key string.
function handler(event) {
    const req = event.request;
    const parts = [req.method, req.uri];
    for (const name of Object.keys(req.headers).sort()) {
        if (name.startsWith('x-')) parts.push(name + '=' + req.headers[name].value);
    }
    req.headers['x-cache-key'] = { value: parts.join('|') };
    req.headers['x-original-uri'] = { value: req.uri };
    req.uri = '/v2' + req.uri;
    return req;
}
const ev = { request: { method: 'GET', uri: '/img/a.jpg', querystring: {}, cookies: {},
    headers: { host: { value: 'cdn.example.net' }, 'x-b': { value: '2' }, 'x-a': { value: '1' }, accept: { value: 'image/webp' } } } };
console.log(JSON.stringify(handler(ev)));
