const o = Object.freeze({ a: 1, nested: { b: 2 } });
try { o.a = 2; } catch (e) { console.log('write: ' + e.name); }
try { o.c = 3; } catch (e) { console.log('add: ' + e.name); }
o.nested.b = 3;
console.log(String(o.a) + ' ' + String(o.c) + ' ' + String(o.nested.b));
const s = Object.seal({ a: 1 });
s.a = 5;
try { s.z = 1; } catch (e) { console.log('sealed add: ' + e.name); }
console.log(JSON.stringify(s));
