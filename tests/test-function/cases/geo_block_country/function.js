// Blocks the countries the content is not licensed for.
var blocked = ['KP', 'IR', 'SY', 'CU'];

function handler(event) {
    var country = event.request.headers['cloudfront-viewer-country'];
    if (country && blocked.indexOf(country.value) !== -1) {
        return {
            statusCode: 403,
            statusDescription: 'Forbidden',
            headers: { 'content-type': { value: 'text/plain' } },
            body: { encoding: 'text', data: 'This content is not available in your country.' }
        };
    }
    return event.request;
}
