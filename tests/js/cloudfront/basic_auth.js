function handler(event) {
    const authHeaders = event.request.headers.authorization;
    const expected = 'Basic ' + btoa('admin:s3cret');
    if (authHeaders && authHeaders.value === expected) {
        return event.request;
    }
    return {
        statusCode: 401,
        statusDescription: 'Unauthorized',
        headers: { 'www-authenticate': { value: 'Basic realm="Restricted"' } }
    };
}
const mk = (auth) => ({ request: { method: 'GET', uri: '/private', querystring: {}, cookies: {},
    headers: auth ? { authorization: { value: auth } } : {} } });
console.log(JSON.stringify(handler(mk(null))));
console.log(JSON.stringify(handler(mk('Basic ' + btoa('admin:wrong')))));
console.log(JSON.stringify(handler(mk('Basic YWRtaW46czNjcmV0'))));
