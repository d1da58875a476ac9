// Basic authentication in front of a staging site (user "preview",
// password "s3cret-Staging"; the expected header is precomputed).
var expected = 'Basic cHJldmlldzpzM2NyZXQtU3RhZ2luZw==';

function handler(event) {
    var request = event.request;
    var auth = request.headers.authorization;
    if (!auth || auth.value !== expected) {
        return {
            statusCode: 401,
            statusDescription: 'Unauthorized',
            headers: {
                'www-authenticate': { value: 'Basic realm="Staging", charset="UTF-8"' },
                'cache-control': { value: 'no-store' }
            }
        };
    }
    delete request.headers.authorization;
    return request;
}
