// Many closures, each with its own environment, created in a loop.
const fns = [];
for (let i = 0; i < 1000; i++) {
    const sq = i * i;
    fns.push(() => sq + i);
}
let total = 0;
for (const f of fns) total += f();
console.log(String(total) + ' ' + fns[999]() + ' ' + fns[0]());
