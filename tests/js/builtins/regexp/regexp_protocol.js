// RegExp.prototype[Symbol.*] work through exec/flags/lastIndex lookups
// (RegExpExec), on RegExps with a custom exec and on plain objects.
const log = [];
const re = /b/g;
re.exec = function (s) {
    log.push('exec@' + this.lastIndex);
    return RegExp.prototype.exec.call(this, s);
};
console.log(JSON.stringify('abcb'.match(re)), log.join(' '));
log.length = 0;
console.log('abcb'.replace(re, 'X'), log.join(' '));
console.log(String(/c/.test('abc')), String(re.test('zzz')));

// a fake regexp: exec returns hand-made results, flags come from a property
let calls = 0;
const fake = {
    flags: 'g',
    lastIndex: 0,
    exec(s) {
        calls++;
        if (calls > 2) return null;
        this.lastIndex = calls * 2;
        return { 0: 'x' + calls, length: 2, 1: 'cap' + calls, index: calls, groups: { n: 'N' + calls } };
    }
};
console.log(RegExp.prototype[Symbol.replace].call(fake, 'abcdefgh', '[$&|$1|$<n>|$2|$`]'));
calls = 0;
fake.flags = '';
console.log(JSON.stringify(RegExp.prototype[Symbol.match].call(fake, 'abcdef')));
console.log(RegExp.prototype[Symbol.search].call({ lastIndex: 7, exec() { return { index: 42 }; } }, 'q'));

// exec results must be objects or null
try { RegExp.prototype[Symbol.match].call({ exec() { return 1; }, flags: '' }, 'a'); }
catch (e) { console.log(e.name); }
// without a callable exec the receiver must be a real RegExp
try { RegExp.prototype.test.call({ exec: 1 }, 'a'); } catch (e) { console.log(e.name); }
try { RegExp.prototype[Symbol.replace].call(1, 'a', 'b'); } catch (e) { console.log(e.name); }

// flags is generic: it reads each flag property
const flagsGet = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags').get;
console.log(flagsGet.call({ global: 1, sticky: 'y', unicode: 0, multiline: true }));
console.log(RegExp.prototype.toString.call({ source: 'a/b', flags: 'zz' }));
console.log(RegExp.prototype.source, RegExp.prototype.flags, String(RegExp.prototype.global));
try { Object.getOwnPropertyDescriptor(RegExp.prototype, 'global').get.call({}); }
catch (e) { console.log(e.name); }
console.log(Object.getOwnPropertyDescriptor(RegExp.prototype, 'sticky').get.name);

// lastIndex goes through ToLength
const g = /a/g;
g.lastIndex = -5;
console.log(String(g.exec('aa').index), g.lastIndex);
g.lastIndex = '1';
console.log(String(g.exec('aa').index), g.lastIndex);
g.lastIndex = 2 ** 53 + 10;
console.log(String(g.exec('aa')), g.lastIndex);
const y = /a/y;
y.lastIndex = 1;
console.log(String(y.test('ba')), y.lastIndex, String(y.test('ba')), y.lastIndex);

// search leaves lastIndex as it was
const s = /x/g;
s.lastIndex = 3;
console.log('axbx'.search(s), s.lastIndex);
