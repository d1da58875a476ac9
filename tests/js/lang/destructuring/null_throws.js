try {
    const { a } = null;
    console.log(String(a));
} catch (e) {
    console.log('null: ' + e.name);
}
try {
    const [b] = {};
    console.log(String(b));
} catch (e) {
    console.log('non-iterable: ' + e.name);
}
const { toFixed } = 5;
console.log(typeof toFixed);
