const a = new Uint8Array(2);
a[5] = 9;
a[-1] = 9;
console.log(String(a[5]) + ' ' + a.length + ' ' + JSON.stringify(Object.keys(a)));
a[0] = '42';
a[1] = 'x';
console.log(a.join(','));
