// JSON.stringify string escaping: quotes, backslash, control characters;
// U+2028/2029 and non-ASCII stay raw; lone surrogates become \uXXXX.
console.log(JSON.stringify('quote " backslash \\ newline \n tab \t bell \u0007 del \u007f'));
console.log(JSON.stringify('\u2028\u2029 é 😀'));
console.log(JSON.stringify('\ud800 \udfff'));
console.log(JSON.stringify({ 'key with "quote"': 1 }));
