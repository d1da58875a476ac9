// runtime: cloudfront-js-1.0
var blocked = ['192.0.2.1', '198.51.100.23'];
var blockedPrefixes = ['203.0.113.'];
function handler(event) {
    var ip = event.viewer.ip;
    var deny = blocked.indexOf(ip) !== -1 || blockedPrefixes.some(function (p) { return ip.indexOf(p) === 0; });
    if (deny) {
        return { statusCode: 403, statusDescription: 'Forbidden', headers: { 'cache-control': { value: 'no-cache' } } };
    }
    return event.request;
}
['192.0.2.1', '203.0.113.50', '8.8.8.8'].forEach(function (ip) {
    console.log(JSON.stringify(handler({ viewer: { ip: ip }, request: { method: 'GET', uri: '/', querystring: {}, headers: {}, cookies: {} } })));
});
