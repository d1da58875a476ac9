// Picks the origin nearest to the viewer's country (the AWS sample
// "select origin based on country"); the request itself is unchanged.
import cf from 'cloudfront';

const origins = {
    DE: 'eu-central.origin.example.com',
    FR: 'eu-west.origin.example.com',
    JP: 'ap-northeast.origin.example.com'
};

function handler(event) {
    const request = event.request;
    const country = request.headers['cloudfront-viewer-country'];
    if (country && origins[country.value]) {
        cf.updateRequestOrigin({
            domainName: origins[country.value],
            originAccessControlConfig: { enabled: false },
            timeouts: { readTimeout: 30, connectionTimeout: 5 },
            customOriginConfig: { port: 443, protocol: 'https', sslProtocols: ['TLSv1.2'] }
        });
    }
    return request;
}
