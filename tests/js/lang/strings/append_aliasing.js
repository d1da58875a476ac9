// Appending to a string must never change another string that shares its
// start (engines that append in place at the end of a buffer must copy).
let a = 'base';
const b = a + '-one';
const c = a + '-two';
a += '!';
const d = a + '?';
console.log([a, b, c, d].join(' '));
let s = '';
const snapshots = [];
for (let i = 0; i < 5; i++) {
    s += i;
    snapshots.push(s);
}
const fork = snapshots[2] + 'X';
s += 'end';
console.log(snapshots.join(',') + ' ' + fork + ' ' + s);
