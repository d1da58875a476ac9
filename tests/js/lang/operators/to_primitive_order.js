const log = [];
const o = {
    valueOf() { log.push('valueOf'); return 1; },
    toString() { log.push('toString'); return 'two'; }
};
const r1 = o + '';
const r2 = `${o}`;
const r3 = o * 2;
const r4 = String(o);
console.log([r1, r2, r3, r4].join(' ') + ' / ' + log.join(','));
const s = { [Symbol.toPrimitive](hint) { return hint; } };
console.log(`${s} ${s + ''} ${+s}`);
