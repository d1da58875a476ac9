let out = [];
for (let i = 0; i < 3; i++) {
    let i2 = i * 10;
    out.push(i2);
}
console.log(out.join(','));
let i = 'untouched';
for (let i = 0; i < 2; i++) {}
console.log(i);
