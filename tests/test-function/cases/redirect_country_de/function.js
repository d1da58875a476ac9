// Sends viewers from some countries to their regional site (needs the
// CloudFront-Viewer-Country header in the origin request policy).
var sites = {
    DE: 'https://www.example.de',
    AT: 'https://www.example.de',
    FR: 'https://www.example.fr',
    JP: 'https://www.example.jp'
};

function handler(event) {
    var request = event.request;
    var country = request.headers['cloudfront-viewer-country'];
    if (country && sites[country.value]) {
        return {
            statusCode: 302,
            statusDescription: 'Found',
            headers: {
                location: { value: sites[country.value] + request.uri },
                'cache-control': { value: 'private, max-age=0' }
            }
        };
    }
    return request;
}
