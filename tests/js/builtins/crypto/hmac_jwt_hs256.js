// HS256 JWT signing and verification, the typical CloudFront use.
const crypto = require('crypto');
const { Buffer } = require('buffer');
const b64url = (s) => Buffer.from(s).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const payload = b64url(JSON.stringify({ sub: 'user-1', exp: 1700000000 }));
const sig = crypto.createHmac('sha256', 'secret-key').update(header + '.' + payload).digest('base64url');
const token = header + '.' + payload + '.' + sig;
console.log(token);
function verify(tok, key) {
    const [h, p, s] = tok.split('.');
    const expect = crypto.createHmac('sha256', key).update(h + '.' + p).digest('base64url');
    if (expect !== s) return 'bad signature';
    return JSON.parse(Buffer.from(p, 'base64url').toString()).sub;
}
console.log(verify(token, 'secret-key') + ' ' + verify(token, 'wrong'));
