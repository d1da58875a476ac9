// trim/trimStart/trimEnd remove every WhiteSpace and LineTerminator
// (NBSP, BOM, U+2028 included) but not U+200B, which is not whitespace.
const s = ' \t\n\u00a0\ufeff x y \u2028\r ';
console.log(JSON.stringify([s.trim(), s.trimStart(), s.trimEnd()]));
console.log(JSON.stringify('\u200b x'.trim()));
