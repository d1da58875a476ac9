// Mobile viewers go to the mobile site; tablets and desktops stay.
function handler(event) {
    var request = event.request;
    var headers = request.headers;
    var mobile = headers['cloudfront-is-mobile-viewer'];
    var tablet = headers['cloudfront-is-tablet-viewer'];
    if (mobile && mobile.value === 'true' && !(tablet && tablet.value === 'true')) {
        var host = headers.host.value.replace(/^www\./, '');
        return {
            statusCode: 302,
            statusDescription: 'Found',
            headers: { location: { value: 'https://m.' + host + request.uri } }
        };
    }
    return request;
}
