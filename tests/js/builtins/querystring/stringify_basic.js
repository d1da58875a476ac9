const qs = require('querystring');
console.log(qs.stringify({ a: 1, b: 'two words', c: ['x', 'y'], d: '', e: true, f: null, g: undefined, h: 'é&=' }));
console.log(qs.encode({ k: 'v' }) + ' ' + String(qs.encode === qs.stringify));
console.log(qs.stringify({ a: 1, b: 2 }, ';', ':'));
console.log(qs.stringify({ q: 'a b' }, null, null, { encodeURIComponent: s => s.replace(/ /g, '_') }));
console.log(JSON.stringify(qs.stringify({})) + ' ' + qs.stringify({ nested: { x: 1 }, n: NaN, i: Infinity }));
