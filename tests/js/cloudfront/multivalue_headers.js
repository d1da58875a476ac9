// Reading and rewriting multiValue headers and cookies.
function handler(event) {
    const req = event.request;
    const al = req.headers['accept-language'];
    const langs = al.multiValue ? al.multiValue.map(v => v.value) : [al.value];
    const primary = langs.join(',').split(',').map(s => s.split(';')[0].trim().toLowerCase())[0];
    req.headers['x-lang'] = { value: primary };
    const cookieNames = Object.keys(req.cookies).sort();
    req.headers['x-cookie-count'] = { value: String(cookieNames.length) };
    if (req.cookies.tracking) delete req.cookies.tracking;
    return req;
}
const ev = { request: { method: 'GET', uri: '/', querystring: {},
    headers: { 'accept-language': { value: 'fr-CH, fr;q=0.9', multiValue: [{ value: 'fr-CH, fr;q=0.9' }, { value: 'en;q=0.8' }] } },
    cookies: { session: { value: 'abc' }, tracking: { value: 'x', multiValue: [{ value: 'x' }, { value: 'y' }] } } } };
console.log(JSON.stringify(handler(ev)));
