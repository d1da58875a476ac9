function handler(event) {
    const uri = event.request.uri;
    if (uri === '/health') {
        return { statusCode: 200, statusDescription: 'OK', headers: { 'content-type': { value: 'application/json' } },
            body: JSON.stringify({ status: 'ok', viewer: event.viewer.ip }) };
    }
    if (uri === '/pixel.gif') {
        return { statusCode: 200, headers: { 'content-type': { value: 'image/gif' } },
            body: { encoding: 'base64', data: 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7' } };
    }
    return { statusCode: 404, statusDescription: 'Not Found', body: { encoding: 'text', data: `no route for ${uri}` } };
}
for (const uri of ['/health', '/pixel.gif', '/nope']) {
    console.log(JSON.stringify(handler({ viewer: { ip: '192.0.2.44' }, request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} } })));
}
