var crypto = require('crypto');
function b64url(s) { return s.replace(/-/g, '+').replace(/_/g, '/'); }
function verify(token, key) {
    var parts = token.split('.');
    if (parts.length !== 3) throw new Error('malformed');
    var sig = crypto.createHmac('sha256', key).update(parts[0] + '.' + parts[1]).digest('base64url');
    if (sig !== parts[2]) throw new Error('bad signature');
    var payload = JSON.parse(String.bytesFrom(b64url(parts[1]), 'base64'));
    if (payload.exp && Date.now() / 1000 > payload.exp) throw new Error('expired');
    return payload;
}
function handler(event) {
    var q = event.request.querystring;
    try { verify(q.jwt && q.jwt.value || '', 'secret'); }
    catch (e) { return { statusCode: 401, statusDescription: 'Unauthorized' }; }
    delete event.request.querystring.jwt;
    return event.request;
}
