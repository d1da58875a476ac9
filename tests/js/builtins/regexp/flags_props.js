const re = /ab+c/gimsuy;
console.log([re.flags, re.global, re.ignoreCase, re.multiline, re.dotAll, re.unicode, re.sticky, re.source].join(' '));
const r2 = new RegExp('a/b', 'g');
console.log(r2.source + ' ' + String(r2) + ' ' + r2.flags);
console.log(String(new RegExp('')) + ' ' + String(new RegExp('\n')));
try { new RegExp('a', 'gg'); } catch (e) { console.log(e.name); }
try { new RegExp('('); } catch (e) { console.log(e.name); }
