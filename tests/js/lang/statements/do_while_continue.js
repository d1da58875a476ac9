let i = 0, s = '';
do {
    i++;
    if (i === 2) continue;
    s += i;
} while (i < 5);
console.log(s);
let n = 0;
while (true) { if (++n > 3) break; }
console.log(String(n));
