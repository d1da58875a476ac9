// GetSubstitution corners, replacer arguments, split and matchAll through
// the species constructor.
const re = /(a)(b)?(?<c>c)?/;
for (const t of ['[$1]', '[$2]', '[$3]', '[$4]', '[$01]', '[$10]', '[$00]', '[$0]',
                 '[$<c>]', '[$<zz>]', '[$<c]', '[$$]', "[$']", '[$`]', '[$&]', '[$]'])
    console.log(t, 'xacy'.replace(re, t));
console.log('xay'.replace(/a/, '$<c>'), 'x'.replace('x', '$1'));
console.log('abc'.replace(/(?<l>b)/, (...a) => JSON.stringify(a)));
console.log('abc'.replace(/(x)?b/, (...a) => JSON.stringify(a)));
console.log('aaa'.replace(/a*?/g, '-'), '\u{1F600}'.replace(/(?:)/gu, '-'),
            '\u{1F600}'.replace(/(?:)/g, '-').length);

// split: limits, captures, sticky and unicode
console.log(JSON.stringify('a1b2c3'.split(/(\d)/)), JSON.stringify('a1b2c3'.split(/\d/, 2)));
console.log(JSON.stringify('abc'.split(/(?:)/)), JSON.stringify(''.split(/x/)), JSON.stringify(''.split(/(?:)/)));
console.log(JSON.stringify('a,b'.split(/,/y)), JSON.stringify('\u{1F600}x'.split(/(?:)/u).length));
console.log(JSON.stringify('A-b-C'.split(/-/, 0)), JSON.stringify('A<b>C'.split(/<(b)>/i)));

// species: split and matchAll construct their matcher through it
class MyRe extends RegExp {
    static get [Symbol.species]() { log.push('species'); return RegExp; }
}
const log = [];
const m = new MyRe('-', 'g');
console.log(JSON.stringify('a-b'.split(m)), log.join());
class Sub extends RegExp {
    constructor(p, f) { super(p, f); log.push('new Sub ' + f); }
}
log.length = 0;
const sub = new Sub('x', 'g');
console.log(JSON.stringify('axbx'.split(sub)), JSON.stringify([...'axbx'.matchAll(sub)].map(r => r.index)), log.join(' | '));
console.log(RegExp[Symbol.species] === RegExp, Object.getOwnPropertyDescriptor(RegExp, Symbol.species).get.name);
const fakeCtor = /x/g;
fakeCtor.constructor = { [Symbol.species]: function (src, fl) { log.push('fake ' + fl); return /x/y; } };
log.length = 0;
console.log(JSON.stringify('axb'.split(fakeCtor)), log.join());
