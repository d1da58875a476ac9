const s = 'a=1, b=22, c=333';
const out = [];
for (const m of s.matchAll(/(\w)=(\d+)/g)) out.push(m[1] + '>' + m[2] + '@' + m.index);
console.log(out.join(' '));
try { s.matchAll(/x/); } catch (e) { console.log(e.name); }
console.log(String([...'aaa'.matchAll(/a/g)].length));
