const out = [];
[10, 20].map(function (v, i, arr) { out.push(typeof this + ':' + v + ':' + i + ':' + arr.length); });
[10].filter(function () { out.push(String(this)); return true; }, 'thisArg');
console.log(out.join(' '));
try { [1].map(null); } catch (e) { console.log(e.name); }
