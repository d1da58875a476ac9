// runtime: cloudfront-js-1.0
// Optional catch binding is ES2019 but 1.0 documents "some ES6-9":
// stay with the catch parameter here; works the same everywhere.
function safe(f) {
    try { return f(); } catch (e) { return 'err:' + e.name; }
}
console.log(safe(function () { return 'ok'; }) + ' ' + safe(function () { null.x; }));
