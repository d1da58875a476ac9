const o = { toString() { return 'custom'; }, valueOf() { return 42; } };
console.log(`${o}`);
console.log('' + o);
const arr = [1, [2, 3]];
console.log(`${arr}`);
try {
    const sym = Symbol('s');
    console.log(`${sym}`);
} catch (e) {
    console.log('symbol: ' + e.name);
}
