// Subclasses: statics use `this` as the constructor, then() uses the species.
class MyPromise extends Promise {
    constructor(exec) {
        super(exec);
        MyPromise.made = (MyPromise.made || 0) + 1;
    }
}
const out = [];
const a = MyPromise.resolve(1);
out.push('resolve ' + (a instanceof MyPromise) + ' ' + MyPromise.made);
const b = a.then(v => v + 1);
out.push('then ' + (b instanceof MyPromise) + ' ' + MyPromise.made);
out.push('same ' + (MyPromise.resolve(a) === a) + ' ' + (Promise.resolve(a) === a));
const c = MyPromise.reject(new Error('r'));
c.catch(e => out.push('caught ' + e.message));
const d = MyPromise.all([1, a, b]);
out.push('all ' + (d instanceof MyPromise));
d.then(v => out.push('all values ' + v.join(',')));
MyPromise.race([b, 9]).then(v => out.push('race ' + v));
MyPromise.allSettled([c, a]).then(r => out.push('settled ' + r.map(x => x.status).join(',')));
MyPromise.any([c, b]).then(v => out.push('any ' + v));
class Plain extends Promise {
    static get [Symbol.species]() { return Promise; }
}
const e = Plain.resolve(5).then(v => v);
out.push('species ' + (e instanceof Plain) + ' ' + (e instanceof Promise));
const f = Plain.resolve(6).finally(() => {});
out.push('finally species ' + (f instanceof Plain));
let p = Promise.resolve();
for (let i = 0; i < 10; i++) p = p.then(() => {});
p.then(() => console.log(out.join('\n')));
