// Cache-key normalisation: keep allowed params, lower-case, sort.
function handler(event) {
    const request = event.request;
    const allowed = ['page', 'q', 'sort'];
    const out = {};
    Object.keys(request.querystring).sort().forEach(name => {
        const lower = name.toLowerCase();
        if (allowed.includes(lower)) {
            const entry = request.querystring[name];
            out[lower] = entry.multiValue ? { value: entry.multiValue[0].value } : { value: entry.value };
        }
    });
    request.querystring = out;
    return request;
}
const ev = { request: { method: 'GET', uri: '/search', headers: {}, cookies: {},
    querystring: { utm_source: { value: 'mail' }, Q: { value: 'shoes' }, page: { value: '2', multiValue: [{ value: '2' }, { value: '3' }] }, fbclid: { value: 'x' } } } };
console.log(JSON.stringify(handler(ev)));
