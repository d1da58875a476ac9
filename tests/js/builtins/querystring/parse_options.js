const qs = require('querystring');
console.log(JSON.stringify(qs.parse('a:1;b:2;a:3', ';', ':')));
console.log(JSON.stringify(qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 })));
console.log(String(Object.keys(qs.parse('k0=0&k1=1&k2=2&k3=3', '&', '=', { maxKeys: 0 })).length));
console.log(JSON.stringify(qs.parse('a=%41%zz', '&', '=', { decodeURIComponent: s => s.toUpperCase() })));
console.log(JSON.stringify(qs.parse('bad=%E0%A4%A&x=%')));
