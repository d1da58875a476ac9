async function f() { return 5; }
async function g() { throw new TypeError('async throw'); }
const p = f();
console.log(String(p instanceof Promise));
p.then(v => console.log('resolved ' + v));
g().catch(e => console.log('rejected ' + e.name + ' ' + e.message));
console.log('sync end');
