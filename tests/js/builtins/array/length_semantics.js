const a = [1, 2, 3];
a.length = 1;
console.log(JSON.stringify(a));
a[10] = 'ten';
console.log(String(a.length));
try { a.length = -1; } catch (e) { console.log(e.name); }
try { new Array(4294967296); } catch (e) { console.log(e.name); }
console.log(String(new Array(3).length) + ' ' + JSON.stringify(new Array(3, 4)) + ' ' + JSON.stringify(Array(2)));
a['2'] = 'two';
console.log(String(a[2]) + ' ' + a.length);
