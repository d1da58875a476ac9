// The u flag: `.` matches a whole surrogate pair, \u{...} escapes, character
// classes of astral characters, out-of-range escapes are SyntaxErrors.
console.log(String(/^.$/.test('😀')) + ' ' + String(/^.$/u.test('😀')));
console.log(String(/\u{1F600}/u.test('😀')) + ' ' + '😀'.match(/./gu).length + ' ' + '😀'.match(/./g).length);
console.log(String(/[😀]/u.test('\ud83d')));
try { new RegExp('\\u{110000}', 'u'); } catch (e) { console.log(e.name); }
