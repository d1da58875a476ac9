const it = 'a😀'[Symbol.iterator]();
const a = it.next(), b = it.next(), c = it.next();
console.log(JSON.stringify([a, b, c]));
console.log(String.raw`\u{41}` + ' ' + `\u{41}`);
