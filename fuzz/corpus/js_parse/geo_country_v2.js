const redirects = { DE: '/de', FR: '/fr', JP: '/ja' };
async function handler(event) {
    const { request } = event;
    const country = request.headers['cloudfront-viewer-country']?.value ?? 'US';
    const prefix = redirects[country];
    if (prefix && !request.uri.startsWith(prefix)) {
        return {
            statusCode: 302,
            statusDescription: 'Found',
            headers: { location: { value: `${prefix}${request.uri}` } },
        };
    }
    for (const [name, { value }] of Object.entries(request.headers)) {
        if (name.startsWith('x-debug-')) delete request.headers[name];
    }
    return request;
}
