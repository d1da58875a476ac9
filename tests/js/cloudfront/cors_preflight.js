function handler(event) {
    const request = event.request;
    const origin = request.headers.origin && request.headers.origin.value;
    const allowed = /^https:\/\/([a-z0-9-]+\.)?example\.com$/;
    if (request.method === 'OPTIONS') {
        if (!origin || !allowed.test(origin)) return { statusCode: 403, statusDescription: 'Forbidden' };
        return {
            statusCode: 204, statusDescription: 'No Content',
            headers: {
                'access-control-allow-origin': { value: origin },
                'access-control-allow-methods': { value: 'GET, HEAD, OPTIONS' },
                'access-control-max-age': { value: '86400' },
                vary: { value: 'Origin' }
            }
        };
    }
    return request;
}
for (const [m, o] of [['OPTIONS', 'https://app.example.com'], ['OPTIONS', 'https://evil.com'], ['GET', 'https://x.example.com'], ['OPTIONS', null]]) {
    const headers = o ? { origin: { value: o } } : {};
    console.log(JSON.stringify(handler({ request: { method: m, uri: '/api', querystring: {}, headers, cookies: {} } })));
}
