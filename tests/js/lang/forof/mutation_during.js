const arr = [1, 2, 3];
const seen = [];
for (const v of arr) {
    seen.push(v);
    if (v === 1) arr.push(4);
    if (seen.length > 10) break;
}
console.log(seen.join(','));
