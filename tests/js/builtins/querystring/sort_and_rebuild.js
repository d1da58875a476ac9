// Normalising a query string for a cache key: parse, sort keys, rebuild.
const qs = require('querystring');
function normalise(q) {
    const p = qs.parse(q);
    const out = {};
    Object.keys(p).sort().forEach(k => {
        if (!k.startsWith('utm_')) out[k] = Array.isArray(p[k]) ? p[k].slice().sort() : p[k];
    });
    return qs.stringify(out);
}
console.log(normalise('z=1&utm_source=x&a=2&m=b&m=a'));
console.log(normalise('single=only'));
console.log(JSON.stringify(normalise('')));
