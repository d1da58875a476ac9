// let in a for loop: a fresh binding per iteration.
var fns = [];
for (let i = 0; i < 3; i++) {
    fns.push(() => i);
}
console.log(fns.map(f => f()).join(','));
var fns2 = [];
for (let i = 0; i < 3; i++) {
    fns2.push(() => i);
    i++;
}
console.log(fns2.map(f => f()).join(','));
