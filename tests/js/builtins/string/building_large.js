let s = '';
for (let i = 0; i < 10000; i++) s += String.fromCharCode(97 + (i % 26));
console.log(String(s.length) + ' ' + s.slice(0, 30) + ' ' + s.slice(-5));
const parts = [];
for (let i = 0; i < 1000; i++) parts.push(i);
const joined = parts.join('');
console.log(String(joined.length) + ' ' + joined.slice(-6));
