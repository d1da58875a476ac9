// brink-only: node walks every index of these array-likes (2^53 - 1 steps)
// and times out; the expectation is written by hand from the spec (each
// answer is checked in the comments of the brink commit adding it).
// Lengths up to 2^53 - 1 on array-likes and 2^32 - 1 on arrays: sparse
// objects cost what they hold, not their length.
const big = { length: 2 ** 53 - 1, 9007199254740990: 'last', 0: 'first' };
const proto = Array.prototype;
console.log(proto.indexOf.call(big, 'last') + ' ' + proto.lastIndexOf.call(big, 'first') +
            ' ' + proto.includes.call(big, 'last', 9007199254740989));
console.log(proto.includes.call(big, undefined) + ' ' + proto.indexOf.call(big, undefined));
try { proto.push.call({ length: 2 ** 53 - 1 }, 1); } catch (e) { console.log('push: ' + e.name); }
try { proto.unshift.call({ length: 2 ** 53 - 1 }, 1); } catch (e) { console.log('unshift: ' + e.name); }
try { proto.splice.call({ length: 2 ** 53 - 1 }, 0, 0, 1); } catch (e) { console.log('splice: ' + e.name); }

const like = { length: 2 ** 53 + 10, 9007199254740990: 'x' };
console.log(proto.pop.call(like) + ' ' + like.length + ' ' + ('9007199254740990' in like));

const s = proto.slice.call({ length: 2 ** 53 - 1, 9007199254740989: 'a', 9007199254740990: 'b' },
                           9007199254740989);
console.log(s.length + ' ' + s.join(','));

// An array of length 2^32 - 1 with three elements.
const a = [];
a[4294967294] = 'end';
a[5] = 'five';
a[0] = 'zero';
let n = 0;
a.forEach(() => n++);
console.log(a.length + ' ' + n + ' ' + a.indexOf('end') + ' ' + a.lastIndexOf('zero') +
            ' ' + a.filter(x => x).join('|') + ' ' + a.reduce((p, x) => p + x[0], '') +
            ' ' + a.reduceRight((p, x) => p + x[0], ''));
console.log(a.some(x => x === 'end') + ' ' + a.every(x => typeof x === 'string') +
            ' ' + a.map(x => x.length).filter(Boolean).length);
const b = a.slice(4294967290);
console.log(b.length + ' ' + b[4]);
a.reverse();
console.log(a[0] + ' ' + a[4294967289] + ' ' + a[4294967294] + ' ' + Object.keys(a).length);
const c = new Array(4294967295);
c.sort();
console.log(c.length + ' ' + Object.keys(c).length);
try { a.push('over'); } catch (e) { console.log('push past 2^32-1: ' + e.name + ' ' + a.length); }
