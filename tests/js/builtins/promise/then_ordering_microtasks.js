const out = [];
const p = Promise.resolve();
p.then(() => { out.push(1); Promise.resolve().then(() => out.push(4)); });
p.then(() => out.push(2));
p.then(() => out.push(3));
Promise.resolve().then(() => Promise.resolve()).then(() => out.push('nested-resolve'));
let q = Promise.resolve();
for (let i = 0; i < 5; i++) q = q.then(() => {});
q.then(() => console.log(out.join(',')));
