function handler(event) {
    const request = event.request;
    const h = request.headers;
    const isTrue = (name) => h[name] && h[name].value === 'true';
    let prefix = '/desktop';
    if (isTrue('cloudfront-is-mobile-viewer')) prefix = '/mobile';
    else if (isTrue('cloudfront-is-tablet-viewer')) prefix = '/tablet';
    request.uri = prefix + request.uri;
    return request;
}
const devices = [{ 'cloudfront-is-mobile-viewer': { value: 'true' } }, { 'cloudfront-is-tablet-viewer': { value: 'true' }, 'cloudfront-is-mobile-viewer': { value: 'false' } }, {}];
for (const headers of devices) {
    console.log(JSON.stringify(handler({ request: { method: 'GET', uri: '/home', querystring: {}, headers, cookies: {} } })).length + ' ' +
        handler({ request: { method: 'GET', uri: '/home', querystring: {}, headers, cookies: {} } }).uri);
}
