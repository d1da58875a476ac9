const vals = [0, -0, NaN, '0', null, undefined, true, 1, 'a'];
let rows = [];
for (const a of vals) {
    rows.push(vals.map(b => (a === b ? '1' : '.')).join(''));
}
console.log(rows.join(' '));
console.log(String(Object.is(0, -0)) + ' ' + String(Object.is(NaN, NaN)));
