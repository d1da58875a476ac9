const re = /o/g;
const s = 'foo boo';
const out = [];
let m;
while ((m = re.exec(s)) !== null) out.push(m.index + ':' + re.lastIndex);
console.log(out.join(' ') + ' final=' + re.lastIndex);
const t = /a/g;
console.log([t.test('aa'), t.lastIndex, t.test('aa'), t.lastIndex, t.test('aa'), t.lastIndex].join(','));
