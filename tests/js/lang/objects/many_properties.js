// Property tables that grow and shrink keep insertion order and values.
const o = {};
for (let i = 0; i < 300; i++) o['k' + i] = i;
for (let i = 0; i < 300; i += 3) delete o['k' + i];
o.k0 = 'again';
const keys = Object.keys(o);
console.log(keys.length + ' ' + keys.slice(0, 4).join(',') + ' ' + keys.slice(-3).join(','));
let sum = 0;
for (const k in o) if (typeof o[k] === 'number') sum += o[k];
console.log(String(sum) + ' ' + o.k299 + ' ' + String(o.k3));
