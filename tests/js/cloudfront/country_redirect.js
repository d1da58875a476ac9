function handler(event) {
    const request = event.request;
    const country = request.headers['cloudfront-viewer-country'];
    const map = { DE: '/de', FR: '/fr', GB: '/uk' };
    if (country && map[country.value] && !request.uri.startsWith(map[country.value])) {
        return { statusCode: 302, statusDescription: 'Found',
            headers: { location: { value: map[country.value] + request.uri }, 'cache-control': { value: 'no-store' } } };
    }
    return request;
}
for (const c of ['DE', 'US', 'GB', null]) {
    const headers = c ? { 'cloudfront-viewer-country': { value: c } } : {};
    const ev = { request: { method: 'GET', uri: '/shop', querystring: {}, headers, cookies: {} } };
    console.log(JSON.stringify(handler(ev)));
}
