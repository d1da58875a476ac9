// Line terminators: `.` without and with the s flag, [^], ^/$ with and
// without the m flag, and U+2028.
console.log(String(/a.b/.test('a\nb')) + ' ' + String(/a.b/s.test('a\nb')) + ' ' + String(/[^]/.test('\n')));
console.log(JSON.stringify('l1\nl2\nl3'.match(/^l\d$/gm)));
console.log(JSON.stringify('l1\nl2'.match(/^l\d$/g)));
console.log(String(/a$/.test('a\n')) + ' ' + String(/\u2028/.test('\u2028')));
