// runtime: cloudfront-js-1.0
// Runtime 1.0 is strict too.
function f() { return this === undefined; }
console.log(String(f()));
try {
    implicitGlobal = 1;
} catch (e) {
    console.log(e.name);
}
