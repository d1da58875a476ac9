const data = { a: [1, 2, 3], b: [4, 5], c: [6] };
const found = [];
search: for (const k in data) {
    for (const v of data[k]) {
        if (v === 5) { found.push(k + ':' + v); break search; }
        if (v === 2) continue search;
        found.push(v);
    }
}
console.log(found.join(' '));
