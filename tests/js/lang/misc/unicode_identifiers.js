const café = 'coffee';
const \u0061bc = 'escaped ident';
const π = Math.PI.toFixed(2);
console.log(café + ' ' + abc + ' ' + π);
const o = { ünïcödé: 1, 'quoted key': 2 };
console.log(Object.keys(o).join('|'));
