// Elements defined as accessors, on the array or on Array.prototype, and
// writes that the spec rejects.
const a = [];
Object.defineProperty(a, '2', { get() { return 12; }, configurable: true });
console.log(a.length + ' ' + a.indexOf(12) + ' ' + a.includes(12) + ' ' + a.every(x => x !== 12));
let seen = [];
a.forEach((x, i) => seen.push(i + '=' + x));
console.log(seen.join(','));

const log = [];
const b = [1, 2, 3];
Object.defineProperty(b, '1', { get() { log.push('get1'); return 'g'; }, set(v) { log.push('set1=' + v); }, configurable: true });
b[1] = 'w';
console.log(b.join('') + ' ' + log.join(','));
b.reverse();
console.log(log.join(','));

Array.prototype[1] = 'inherited';
const h = [0, , 2];
console.log(h.join() + ' ' + h.indexOf('inherited') + ' ' + h.map(x => x).hasOwnProperty(1));
delete Array.prototype[1];

// Setter on the prototype runs for a new element.
Object.defineProperty(Array.prototype, '0', { set(v) { log.push('proto set ' + v); }, configurable: true });
const c = [];
c[0] = 'x';
console.log(c.length + ' ' + log[log.length - 1]);
delete Array.prototype[0];

// Frozen arrays and read-only lengths reject writes.
const fz = Object.freeze([1, 2]);
for (const op of ['push', 'pop', 'shift', 'unshift', 'reverse', 'sort', 'fill']) {
    try { fz[op](0); console.log(op + ' ok'); } catch (e) { console.log(op + ' ' + e.name); }
}
const ro = [1, 2, 3];
Object.defineProperty(ro, 'length', { writable: false });
try { ro.push(4); } catch (e) { console.log('ro push ' + e.name + ' ' + ro.length + ' ' + ro[3]); }
try { ro.pop(); } catch (e) { console.log('ro pop ' + e.name + ' ' + ro.length); }
try { [].push.call(Object.defineProperty([], 'length', { writable: false })); } catch (e) { console.log('empty push ' + e.name); }
