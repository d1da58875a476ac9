const out = [];
for (let y = 1999; y <= 2005; y++) {
    for (let m = 0; m < 12; m += 5) {
        out.push(new Date(Date.UTC(y, m, 1)).getUTCDay());
    }
}
console.log(out.join(''));
const leaps = [1900, 2000, 2004, 2100, 2400].map(y => new Date(Date.UTC(y, 1, 29)).getUTCMonth() === 1);
console.log(leaps.join(','));
