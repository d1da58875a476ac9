function handler(event) {
    const req = event.request;
    let uri = req.uri;
    const lower = uri.toLowerCase();
    let changed = false;
    if (lower !== uri) { uri = lower; changed = true; }
    if (uri.length > 1 && uri.endsWith('/')) { uri = uri.replace(/\/+$/, ''); changed = true; }
    if (uri.includes('//')) { uri = uri.replace(/\/{2,}/g, '/'); changed = true; }
    if (changed) return { statusCode: 308, statusDescription: 'Permanent Redirect', headers: { location: { value: uri || '/' } } };
    return req;
}
for (const u of ['/About/', '/a//b///c', '/ok', '/', '/X//']) {
    console.log(JSON.stringify(handler({ request: { method: 'GET', uri: u, querystring: {}, headers: {}, cookies: {} } })));
}
