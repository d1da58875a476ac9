let res, rej; const p = new Promise((a, b) => { res = a; rej = b; });
const all = Promise.all([p, 1, { then(r) { r(2); } }]);
const any = Promise.any([p, Promise.reject(3)]);
const race = Promise.race([p]);
const fin = p.finally(() => 0);
class Sub extends Promise { static get [Symbol.species]() { return Promise; } }
function Fake(ex) { ex(() => {}, () => {}); }
Fake.resolve = v => ({ then(a, b) { a(v); } });
async function handler(ev) {
    res(ev); rej(1);
    Promise.all.call(Fake, [1, 2]);
    Sub.resolve(1).then(v => v).finally(() => {});
    const bad = Promise.resolve(1); bad.then = () => { throw 0; };
    await Promise.allSettled([bad, all, any, race, fin]).catch(() => 0);
    let q = Promise.resolve(0);
    for (let i = 0; i < 1e6; i++) q = q.then(v => v + 1);
    return q;
}
