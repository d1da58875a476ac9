var gv = 1;
function gf() { return 2; }
console.log(String(globalThis.gv) + ' ' + typeof globalThis.gf);
let gl = 3;
console.log('let on global object: ' + ('gl' in globalThis));
globalThis.fromGlobal = 'g';
console.log(fromGlobal);
console.log(String(this === globalThis));
