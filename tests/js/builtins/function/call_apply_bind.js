function f(a, b) { return [this && this.tag, a, b].join('/'); }
console.log(f.call({ tag: 'T' }, 1, 2) + ' ' + f.apply({ tag: 'A' }, [3]) + ' ' + f.apply(null) + ' ' + f.apply(undefined, { length: 2, 0: 'x', 1: 'y' }));
const g = f.bind({ tag: 'B' }, 'first');
console.log(g('second') + ' ' + g.length + ' ' + g.name);
function P(x) { this.x = x; }
const BP = P.bind({ ignored: true }, 5);
const inst = new BP();
console.log(String(inst.x) + ' ' + String(inst instanceof P));
try { f.apply(null, 5); } catch (e) { console.log(e.name); }
