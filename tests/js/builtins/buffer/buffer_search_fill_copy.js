// indexOf/lastIndexOf/includes, fill, copy, compare and toString ranges.
const s = Buffer.from('abcabcabc');
const q = [['c'], ['c', 3], ['c', -2], ['c', -20], ['c', 20], ['bc', 7], [''], ['', 4], ['', 20], [0x62], [0x162], [98, 'utf8'],
  [Buffer.from('ca')], [new Uint8Array([98, 99])], ['YmM=', 'base64'], ['6263', 0, 'hex'], ['x'], ['abcabcabcabc']];
for (const a of q) console.log(JSON.stringify(a) + ' ' + s.indexOf(...a) + ' ' + s.lastIndexOf(...a) + ' ' + s.includes(...a));
console.log([s.lastIndexOf('a', 5), s.lastIndexOf('a', -4), s.lastIndexOf('a', -20), s.lastIndexOf('c', 100), s.indexOf('a', NaN), s.lastIndexOf('a', NaN), s.indexOf('b', null), s.indexOf('b', 'utf8')].join(','));
const f = (...a) => Buffer.alloc(6, '-').fill(...a).toString('latin1');
console.log([f('ab'), f('ab', 1), f('ab', 1, 4), f(0x41, 2), f('x', 'latin1'), f('6162', 'hex'), f('YQ==', 1, 'base64'), f(''), f(Buffer.from('xyz'), 2), f(257), f(true), f('é'), f('€', 1), f('a', 3, 3), f('a', 5, 2)].join('|'));
console.log(Buffer.alloc(5, 'ab').toString() + ' ' + Buffer.alloc(5, 65).toString() + ' ' + Buffer.alloc(4, 'YWI=', 'base64').toString() + ' ' + Buffer.alloc(3, 0).toString('hex'));
const src = Buffer.from('0123456789');
const c = (...a) => { const t = Buffer.alloc(5, '.'); const n = src.copy(t, ...a); return n + ':' + t.toString(); };
console.log([c(), c(2), c(1, 5), c(0, 3, 6), c(3, 8, 100), c(5), c(1, 10), c(0, 4, 2), c(1.7, 2.2), c('2'), c(NaN)].join(' '));
const x = Buffer.from('abcdef');
x.copy(x, 2, 0, 4);
console.log(x.toString());
const a = Buffer.from('abcd'), b2 = Buffer.from('bcde');
console.log([a.compare(b2), b2.compare(a), a.compare(a), a.compare(b2, 0, 3, 1), a.compare(b2, 0, 2, 1, 3), a.compare(b2, 2, 2), a.compare(b2, 0, 1, 2, 2), Buffer.compare(a, b2), Buffer.compare(Buffer.alloc(0), a)].join(','));
const t = Buffer.from('héllo wörld');
console.log([t.toString('utf8', 0, 3), t.toString('utf8', -5, 2), t.toString('hex', 8), t.toString('latin1', 2, 100), t.toString(undefined, 1), t.toString('base64', 1, 4), t.toString('utf8', 4, 2), t.toString('ascii')].join('|'));
console.log([t.slice(-5).toString(), t.subarray(1, -8).toString('hex'), t.slice(3, 1).length, t.slice(NaN, 2).toString(), t.slice(-100, 1).toString()].join('|'));
