// viewer-response: add security headers (AWS sample pattern).
function handler(event) {
    const response = event.response;
    const headers = response.headers;
    headers['strict-transport-security'] = { value: 'max-age=63072000; includeSubdomains; preload' };
    headers['content-security-policy'] = { value: "default-src 'none'; img-src 'self'; script-src 'self'" };
    headers['x-content-type-options'] = { value: 'nosniff' };
    headers['x-frame-options'] = { value: 'DENY' };
    headers['referrer-policy'] = { value: 'same-origin' };
    delete headers['server'];
    return response;
}
const event = {
    version: '1.0',
    context: { distributionId: 'E2TESTDIST0001', eventType: 'viewer-response', requestId: 'q7Zk0FAKE==' },
    viewer: { ip: '203.0.113.77' },
    request: { method: 'GET', uri: '/', querystring: {}, headers: {}, cookies: {} },
    response: { statusCode: 200, statusDescription: 'OK',
        headers: { 'content-type': { value: 'text/html' }, server: { value: 'nginx' } }, cookies: {} }
};
console.log(JSON.stringify(handler(event)));
