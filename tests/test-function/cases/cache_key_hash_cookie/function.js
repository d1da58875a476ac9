// Cache-key from a hash of the session cookie (crypto.createHash), so the
// raw session id never reaches the cache key.
const crypto = require('crypto');

function handler(event) {
    const request = event.request;
    const session = request.cookies.session;
    if (session) {
        const digest = crypto.createHash('sha256').update(session.value).digest('hex');
        request.headers['x-session-hash'] = { value: digest.substring(0, 16) };
        delete request.cookies.session;
    }
    return request;
}
