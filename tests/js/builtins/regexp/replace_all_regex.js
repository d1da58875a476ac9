// replaceAll with a regex requires the g flag (TypeError otherwise); a
// replacement function gets each match offset.
console.log('a-b-c'.replaceAll(/-/g, '+'));
try { 'a-b'.replaceAll(/-/, '+'); } catch (e) { console.log(e.name); }
console.log('x.y.z'.replaceAll('.', (m, i) => i));
