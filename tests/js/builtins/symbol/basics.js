const s1 = Symbol('desc'), s2 = Symbol('desc');
console.log([typeof s1, s1 === s2, s1.toString(), s1.description, String(Symbol().description)].join(' '));
console.log(String(Symbol.for('k') === Symbol.for('k')) + ' ' + Symbol.keyFor(Symbol.for('k')) + ' ' + String(Symbol.keyFor(s1)));
try { new Symbol(); } catch (e) { console.log(e.name); }
try { s1 + ''; } catch (e) { console.log(e.name); }
