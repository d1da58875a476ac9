const crypto = require('crypto');
function handler(event) {
    const request = event.request;
    const cookies = request.cookies;
    let group;
    if (cookies.abgroup) {
        group = cookies.abgroup.value;
    } else {
        const h = crypto.createHash('md5').update(event.viewer.ip).digest('hex');
        group = parseInt(h.slice(0, 8), 16) % 2 === 0 ? 'A' : 'B';
        cookies.abgroup = { value: group };
    }
    if (group === 'B' && request.uri === '/index.html') request.uri = '/index-b.html';
    return request;
}
for (const [ip, cookie] of [['203.0.113.1', null], ['203.0.113.2', null], ['203.0.113.3', 'B'], ['198.51.100.7', 'A']]) {
    const ev = { viewer: { ip }, request: { method: 'GET', uri: '/index.html', querystring: {}, headers: {},
        cookies: cookie ? { abgroup: { value: cookie } } : {} } };
    console.log(JSON.stringify(handler(ev)));
}
