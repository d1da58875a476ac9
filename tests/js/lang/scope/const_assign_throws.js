const a = 1;
try {
    a = 2;
    console.log('no error');
} catch (e) {
    console.log(e.name);
}
const o = { v: 1 };
o.v = 2;
console.log('const object mutable: ' + o.v);
