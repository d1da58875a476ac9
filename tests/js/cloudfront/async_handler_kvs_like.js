// A 2.0 async handler awaiting a lookup (a Promise-based stand-in for KVS).
const store = { '/old': '/new', '/legacy/page': '/page' };
const kvs = { get: (k) => (k in store ? Promise.resolve(store[k]) : Promise.reject(new Error('key not found'))) };
async function handler(event) {
    const request = event.request;
    try {
        const target = await kvs.get(request.uri);
        return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: target } } };
    } catch (e) {
        request.headers['x-kvs-miss'] = { value: e.message };
        return request;
    }
}
(async () => {
    for (const uri of ['/old', '/missing', '/legacy/page']) {
        const r = await handler({ request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} } });
        console.log(JSON.stringify(r));
    }
})();
