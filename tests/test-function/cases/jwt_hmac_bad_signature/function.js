// JWT verification (HS256) for a members area: the token comes in the
// Authorization header as a bearer token; the user id goes to the origin.
const crypto = require('crypto');

const KEY = 'LZ7bX2kp9QsVtY4eRw1uIo0aHnGm3cJd';

function decodePart(part) {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

function verify(token) {
    const parts = token.split('.');
    if (parts.length !== 3) {
        throw new Error('token is not three parts');
    }
    const header = decodePart(parts[0]);
    if (header.alg !== 'HS256') {
        throw new Error('unsupported algorithm ' + header.alg);
    }
    const signature = crypto.createHmac('sha256', KEY)
        .update(parts[0] + '.' + parts[1])
        .digest('base64url');
    if (signature !== parts[2]) {
        throw new Error('signature mismatch');
    }
    const claims = decodePart(parts[1]);
    if (typeof claims.exp === 'number' && Date.now() >= claims.exp * 1000) {
        throw new Error('token expired');
    }
    return claims;
}

function unauthorized() {
    return {
        statusCode: 401,
        statusDescription: 'Unauthorized',
        headers: { 'www-authenticate': { value: 'Bearer realm="members"' } }
    };
}

function handler(event) {
    const request = event.request;
    const auth = request.headers.authorization;
    if (!auth || !auth.value.startsWith('Bearer ')) {
        console.log('no bearer token');
        return unauthorized();
    }
    try {
        const claims = verify(auth.value.substring(7));
        request.headers['x-user-id'] = { value: claims.sub };
        delete request.headers.authorization;
        return request;
    } catch (e) {
        console.log('rejected: ' + e.message);
        return unauthorized();
    }
}
