const o = {};
let log = [];
Object.defineProperty(o, 'p', {
    get() { log.push('get'); return 'value'; },
    set(v) { log.push('set ' + v); },
    enumerable: false,
    configurable: true
});
o.p = 5;
const r = o.p;
console.log(r + ' ' + log.join(';'));
console.log(JSON.stringify(Object.keys(o)));
const d = Object.getOwnPropertyDescriptor(o, 'p');
console.log(typeof d.get + ' ' + typeof d.set + ' ' + d.enumerable + ' ' + ('value' in d));
