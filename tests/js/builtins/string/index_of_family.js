const s = 'hello world, hello';
console.log([
    s.indexOf('hello'),
    s.indexOf('hello', 1),
    s.lastIndexOf('hello'),
    s.lastIndexOf('hello', 5),
    s.indexOf(''),
    s.indexOf('', 100),
    s.lastIndexOf(''),
    s.indexOf('zzz'),
    s.includes('world'),
    s.includes('world', 10),
    s.startsWith('world', 6),
    s.endsWith('world', 11),
    s.search('o')
].join(','));
