// viewer-response: read Set-Cookie attributes and add a cookie.
function handler(event) {
    const response = event.response;
    const cookies = response.cookies;
    for (const name of Object.keys(cookies)) {
        const c = cookies[name];
        if (!/;\s*Secure/i.test('; ' + (c.attributes || ''))) c.attributes = (c.attributes ? c.attributes + '; ' : '') + 'Secure';
    }
    cookies.visited = { value: 'yes', attributes: 'Path=/; Max-Age=3600' };
    response.statusCode = response.statusCode === 200 ? 200 : response.statusCode;
    return response;
}
const event = { request: { method: 'GET', uri: '/', querystring: {}, headers: {}, cookies: {} },
    response: { statusCode: 200, statusDescription: 'OK', headers: {},
        cookies: { pref: { value: 'dark', attributes: 'Path=/; Secure' }, sid: { value: 'k9', attributes: 'HttpOnly' } } } };
console.log(JSON.stringify(handler(event)));
