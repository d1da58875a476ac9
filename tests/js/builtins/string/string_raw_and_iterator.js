// The string iterator yields code points (a surrogate pair is one step), and
// String.raw keeps escapes uninterpreted.
const it = 'a😀'[Symbol.iterator]();
const a = it.next(), b = it.next(), c = it.next();
console.log(JSON.stringify([a, b, c]));
console.log(String.raw`\u{41}` + ' ' + `\u{41}`);
