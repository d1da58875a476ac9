const o = {};
Object.defineProperty(o, 'fixed', { value: 1, configurable: false });
try {
    delete o.fixed;
} catch (e) {
    console.log(e.name);
}
try {
    delete Object.prototype;
} catch (e) {
    console.log('Object.prototype: ' + e.name);
}
console.log(String(o.fixed));
