const qs = require('querystring');
const r = qs.parse('a=1&b=two&a=3&empty=&novalue&%20sp=x%20y+z&u=%C3%A9');
console.log(JSON.stringify(r));
console.log(JSON.stringify(qs.decode('x=1')) + ' ' + String(qs.decode === qs.parse));
console.log(JSON.stringify(qs.parse('')) + ' ' + JSON.stringify(qs.parse('&&a=1&&')));
