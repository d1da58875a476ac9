function depth(o) {
    if (o === null || typeof o !== 'object') return 0;
    let d = 0;
    for (const k in o) d = Math.max(d, depth(o[k]));
    return d + 1;
}
let nested = {};
let cur = nested;
for (let i = 0; i < 200; i++) { cur.c = {}; cur = cur.c; }
console.log(String(depth(nested)));
function flatten(a) { return a.reduce((acc, x) => acc.concat(Array.isArray(x) ? flatten(x) : [x]), []); }
console.log(flatten([1, [2, [3, [4, [5]]]], 6]).join(''));
