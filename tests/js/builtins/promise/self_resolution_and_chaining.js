let resolveLater;
const p = new Promise(r => { resolveLater = r; });
resolveLater(p);
p.catch(e => console.log('self resolution: ' + e.name));
const inner = Promise.resolve('inner value');
Promise.resolve(inner).then(v => console.log(String(Promise.resolve(inner) === inner) + ' ' + v));
