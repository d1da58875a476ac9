// String.prototype.match/matchAll/replace/replaceAll/search/split call the
// argument's Symbol.* method when it is an object, else build a RegExp.
const seen = [];
const obj = {
    [Symbol.match](s) { seen.push('match:' + s); return 'M'; },
    [Symbol.replace](s, r) { seen.push('replace:' + s + ':' + r); return 'R'; },
    [Symbol.search](s) { seen.push('search:' + s); return 'S'; },
    [Symbol.split](s, l) { seen.push('split:' + s + ':' + l); return 'P'; },
};
// (an object with Symbol.match is IsRegExp: matchAll/replaceAll would
// read its flags; this one has none)
const all = { [Symbol.matchAll](s) { seen.push('matchAll:' + s); return 'A'; } };
console.log('abc'.match(obj), 'abc'.replace(obj, 'z'), 'abc'.search(obj),
            'abc'.split(obj, 3), 'abc'.matchAll(all), 'abc'.replaceAll(all, 'q'));
try { 'abc'.matchAll(obj); } catch (e) { console.log(e.name); }
console.log(seen.join(' '));

// non-objects become regexps (match, search) or strings (replace, split)
console.log(JSON.stringify('a.c'.match('.')), 'a.c'.search('.'), 'a.c'.replace('.', '!'));
console.log(JSON.stringify('1x2x3'.split('x', 2)), JSON.stringify('abc'.match()));
console.log(JSON.stringify([...'a1b2'.matchAll('\\d')].map(m => m[0] + m.index)));
// a method that is null is skipped; one that is not callable throws
console.log('a-b'.split({ [Symbol.split]: null, toString() { return '-'; } }).join('|'));
try { 'a'.replace({ [Symbol.replace]: 1 }, ''); } catch (e) { console.log(e.name); }

// replaceAll and matchAll want global regexps (IsRegExp + flags)
try { 'aa'.replaceAll(/a/, 'b'); } catch (e) { console.log(e.name); }
try { 'aa'.matchAll(/a/); } catch (e) { console.log(e.name); }
console.log('aa'.replaceAll(/a/g, 'b'), 'a.a.'.replaceAll('.', '!'), 'ab'.replaceAll('', '-'));
const fakeRe = { [Symbol.match]: true, flags: 'g', [Symbol.replace]() { return 'ok'; } };
console.log('x'.replaceAll(fakeRe, ''));
try { 'x'.replaceAll({ [Symbol.match]: true, flags: undefined }, ''); } catch (e) { console.log(e.name); }
// includes/startsWith/endsWith refuse anything IsRegExp says is a regexp
try { 'a'.includes(/a/); } catch (e) { console.log(e.name); }
const notRe = /a/;
notRe[Symbol.match] = false;
console.log(String('/a/'.includes(notRe)), String('/a/'.startsWith(notRe)));
// null and undefined receivers
try { String.prototype.match.call(null, /a/); } catch (e) { console.log(e.name); }
try { String.prototype.replaceAll.call(undefined, 'a', 'b'); } catch (e) { console.log(e.name); }
