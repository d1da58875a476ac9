function handler(event) {
    const request = event.request;
    const host = request.headers.host && request.headers.host.value;
    if (host && !host.startsWith('www.')) {
        const qs = Object.keys(request.querystring).map(k => k + '=' + request.querystring[k].value).join('&');
        return {
            statusCode: 301,
            statusDescription: 'Moved Permanently',
            headers: { location: { value: `https://www.${host}${request.uri}${qs ? '?' + qs : ''}` } }
        };
    }
    return request;
}
const ev = (host, uri, q) => ({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '203.0.113.9' },
    request: { method: 'GET', uri, querystring: q, headers: { host: { value: host } }, cookies: {} } });
console.log(JSON.stringify(handler(ev('example.com', '/a', { x: { value: '1' }, y: { value: 'z' } }))));
console.log(JSON.stringify(handler(ev('www.example.com', '/a', {}))));
