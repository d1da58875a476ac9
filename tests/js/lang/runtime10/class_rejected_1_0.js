// runtime: cloudfront-js-1.0
// brink-only
// Classes are not in runtime 1.0's language list (ES5.1 + templates,
// arrows, rest parameters, `**`): brink rejects them at load time.
function ok() {}
class K {}
console.log('not printed');
