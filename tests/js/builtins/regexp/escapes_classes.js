console.log(JSON.stringify('a1_ -\t\n'.match(/\w|\d|\s/g)));
console.log(JSON.stringify('x\ty'.replace(/\t/, '\\t')));
console.log(String(/\bfoo\b/.test('a foo b')) + ' ' + String(/\Bfoo/.test('afoo')));
console.log(String(/[\]]/.test(']')) + ' ' + String(/\cJ/.test('\n')) + ' ' + String(/\x41\u0042/.test('AB')));
console.log(String(/[\d-z]/.test('-')) + ' ' + String(/\0/.test('\0')));
console.log(JSON.stringify('a.b*c'.split(/[.*]/)));
