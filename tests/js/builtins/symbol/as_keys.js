const s = Symbol('hidden');
const o = { [s]: 'symval', visible: 1 };
console.log(JSON.stringify(o) + ' ' + Object.keys(o).join(',') + ' ' + o[s] + ' ' + String(s in o));
console.log(String(Object.getOwnPropertySymbols(o)[0] === s));
const copy = { ...o };
console.log(copy[s]);
