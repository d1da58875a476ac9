// Deep but reasonable nesting (500 levels) stringifies and parses back.
let v = 'leaf';
for (let i = 0; i < 500; i++) v = i % 2 ? [v] : { n: v };
const s = JSON.stringify(v);
console.log(String(s.length) + ' ' + s.slice(0, 12) + ' ' + s.slice(-12));
let back = JSON.parse(s);
let depth = 0;
while (typeof back === 'object') { back = Array.isArray(back) ? back[0] : back.n; depth++; }
console.log(depth + ' ' + back);
