const o = { b: 2, a: 1, 3: 'three' };
console.log(JSON.stringify([Object.keys(o), Object.values(o), Object.entries(o)]));
console.log(JSON.stringify(Object.keys('ab')) + ' ' + JSON.stringify(Object.entries([7])));
try { Object.keys(null); } catch (e) { console.log(e.name); }
console.log(JSON.stringify(Object.keys(5)));
