const s = 'héllo';
let r = '';
for (let i = 0; i < s.length; i++) r += s[i].toUpperCase();
console.log(r + ' ' + String(s[10]) + ' ' + String(s[-1]));
try {
    s[0] = 'X';
} catch (e) {
    console.log('index write: ' + e.name);
}
console.log(s);
