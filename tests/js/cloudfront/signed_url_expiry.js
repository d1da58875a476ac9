// Verify an expiring signed URL: ?exp=<epoch>&sig=<hmac-hex>.
const crypto = require('crypto');
const SECRET = 'edge-secret';
const NOW = 1700000000;
function handler(event) {
    const r = event.request;
    const q = r.querystring;
    if (!q.exp || !q.sig) return { statusCode: 403, statusDescription: 'Missing signature' };
    if (Number(q.exp.value) < NOW) return { statusCode: 410, statusDescription: 'Expired' };
    const expected = crypto.createHmac('sha256', SECRET).update(r.uri + ':' + q.exp.value).digest('hex');
    if (expected !== q.sig.value) return { statusCode: 403, statusDescription: 'Bad signature' };
    delete q.sig; delete q.exp;
    return r;
}
const sign = (uri, exp) => crypto.createHmac('sha256', SECRET).update(uri + ':' + exp).digest('hex');
const cases = [
    { exp: { value: '1800000000' }, sig: { value: sign('/f.zip', 1800000000) } },
    { exp: { value: '1600000000' }, sig: { value: sign('/f.zip', 1600000000) } },
    { exp: { value: '1800000000' }, sig: { value: 'deadbeef' } },
    {}
];
for (const querystring of cases) {
    console.log(JSON.stringify(handler({ request: { method: 'GET', uri: '/f.zip', querystring, headers: {}, cookies: {} } })));
}
