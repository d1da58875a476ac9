// With `u`, a lone surrogate is a code point of its own: `.`, negated
// classes and \S \W \D match it, [\uD800-\uDBFF] names it, and a pair is
// never split.
const r = (re, s) => String(re.test(s));
console.log(r(/^.$/u, '\uD800'), r(/^.$/su, '\uDFFF'), r(/^[^a]$/u, '\uD800'), r(/\S/u, '\uDC00'));
console.log(r(/[^\u{1D306}]/u, '\ud834'), r(/[^\u{1D306}]/u, '\udf06'));
console.log(r(/^[\uD800-\uDBFF]$/u, '\uD801'), r(/^[\uD800-\uDBFF]$/u, '\uDC01'));
console.log(r(/\uD800/u, 'a\uD800b'), r(/\uD800/u, '\uD800\uDC00'), r(/\uD83D/u, '\uD83D\uDE00'), r(/^.$/u, '\uD83D\uDE00'));
console.log(JSON.stringify('a\uD800b\uDFFFc'.split(/(?:)/u)), JSON.stringify('x\uD800y'.match(/./gu)));
console.log(r(/[\0-\uFFFF]/u, '\uD800'), r(/^\W$/u, '\uD800'), r(/^\D$/u, '\uDBFF'), r(/^[\s\S]$/u, '\uDBFF'));
console.log(JSON.stringify('a\uD800'.replace(/\uD800/u, 'S')), r(/(.)\1/u, '\uD800\uD800'), r(/^..$/u, '\uDC00\uD800'));
// without `u` they are plain code units, as always
console.log(r(/^.$/, '\uD800'), r(/^..$/, '\uD83D\uDE00'), r(/\uD83D/, '\uD83D\uDE00'));
