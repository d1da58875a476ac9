// Lookbehind (positive and negative) and lookahead assertions, including an
// empty-width match used by replace.
console.log(JSON.stringify('$10 €20 $30'.match(/(?<=\$)\d+/g)));
console.log(JSON.stringify('$10 €20 $30'.match(/(?<!\$)\b\d+/g)));
console.log(JSON.stringify('price100 cost200'.match(/[a-z]+(?=\d)/g)));
console.log(JSON.stringify('abc'.replace(/(?=b)/, '^')));
