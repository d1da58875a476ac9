// RegExp source escapes `/`; toString is /source/flags; new RegExp(re, flags)
// replaces the flags.
console.log(String(/a\/b/) + ' ' + /a\/b/.source + ' ' + new RegExp('a/b').source);
console.log(RegExp.prototype.toString.call(/x/gi) + ' ' + new RegExp(/abc/g, 'i').flags);
console.log(String(new RegExp('[/]')) + ' ' + new RegExp('\\d+').test('12'));
