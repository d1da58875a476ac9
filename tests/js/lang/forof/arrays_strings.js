let out = [];
for (const x of [1, 2, 3]) out.push(x * 2);
for (const ch of 'a😀b') out.push(ch);
console.log(out.join(' '));
console.log(String(out[4].length));
