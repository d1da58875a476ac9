const re = /a(b+)c/g;
const s = 'abc abbc abbbc';
console.log(JSON.stringify(s.match(re)));
console.log(String(/\//.test('a/b')) + ' ' + /[/]/.source);
const div = 10 / 2 / 5;
console.log(String(div));
console.log(String(/x/i.flags));
