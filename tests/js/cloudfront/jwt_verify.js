const crypto = require('crypto');
const { Buffer } = require('buffer');
const KEY = 'LzdWGpAToQ1DqYuzHxE6YOqi7G3X2yvNBot9mCXfx5k';
function b64urlDecode(s) { return Buffer.from(s, 'base64url').toString('utf8'); }
function verify(token, now) {
    const parts = token.split('.');
    if (parts.length !== 3) throw new Error('malformed');
    const sig = crypto.createHmac('sha256', KEY).update(parts[0] + '.' + parts[1]).digest('base64url');
    if (sig !== parts[2]) throw new Error('signature');
    const payload = JSON.parse(b64urlDecode(parts[1]));
    if (payload.exp && now > payload.exp) throw new Error('expired');
    return payload;
}
function handler(event) {
    const request = event.request;
    const qs = request.querystring;
    try {
        const p = verify(qs.jwt ? qs.jwt.value : '', 1700000000);
        delete request.querystring.jwt;
        request.headers['x-user'] = { value: p.sub };
        return request;
    } catch (e) {
        return { statusCode: 401, statusDescription: 'Unauthorized', body: { encoding: 'text', data: e.message } };
    }
}
function sign(payload) {
    const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const hp = enc({ alg: 'HS256', typ: 'JWT' }) + '.' + enc(payload);
    return hp + '.' + crypto.createHmac('sha256', KEY).update(hp).digest('base64url');
}
const tokens = [sign({ sub: 'alice', exp: 1800000000 }), sign({ sub: 'bob', exp: 1600000000 }), 'a.b', sign({ sub: 'eve' }).slice(0, -2) + 'xx'];
for (const t of tokens) {
    console.log(JSON.stringify(handler({ request: { method: 'GET', uri: '/video.mp4', headers: {}, cookies: {}, querystring: { jwt: { value: t } } } })));
}
