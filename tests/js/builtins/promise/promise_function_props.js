// The functions promises hand out: lengths, names, no prototype, not
// constructors.
const out = [];
function desc(name, f) {
    let ctor = true;
    try { new f(); } catch (e) { ctor = e.name; }
    out.push(name + ': length ' + f.length + ' name "' + f.name + '" prototype ' +
        Object.prototype.hasOwnProperty.call(f, 'prototype') + ' construct ' + ctor +
        ' extensible ' + Object.isExtensible(f) +
        ' keys ' + Object.getOwnPropertyNames(f).join(','));
}
new Promise((res, rej) => { desc('resolve', res); desc('reject', rej); });
function Cap(exec) { desc('executor', exec); exec(() => {}, () => {}); }
Promise.resolve.call(Cap, 1);
function Grab(exec) { exec(() => {}, () => {}); }
Grab.resolve = v => ({ then(ok, err) { desc('element ' + v, v === 'all' || v === 'settled' ? ok : err); if (v === 'settled') desc('settled reject', err); } });
Promise.all.call(Grab, ['all']);
Promise.allSettled.call(Grab, ['settled']);
Promise.any.call(Grab, ['any']);
for (const k of ['then', 'catch', 'finally']) out.push(k + ' ' + Promise.prototype[k].length);
for (const k of ['resolve', 'reject', 'all', 'allSettled', 'any', 'race']) out.push(k + ' ' + Promise[k].length + ' ' + Promise[k].name);
const sp = Object.getOwnPropertyDescriptor(Promise, Symbol.species);
out.push('species ' + sp.get.name + ' ' + (Promise[Symbol.species] === Promise) + ' ' + (sp.set === undefined));
out.push('tag ' + Object.prototype.toString.call(Promise.resolve()));
const AsyncFunction = (async function () {}).constructor;
out.push('AsyncFunction ' + AsyncFunction.name + ' ' + AsyncFunction.length + ' ' +
    (Object.getPrototypeOf(AsyncFunction) === Function) + ' ' +
    (Object.getPrototypeOf(AsyncFunction.prototype) === Function.prototype) + ' ' +
    AsyncFunction.prototype[Symbol.toStringTag] + ' ' + (AsyncFunction !== Function));
console.log(out.join('\n'));
