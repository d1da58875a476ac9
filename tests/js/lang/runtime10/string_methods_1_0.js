// runtime: cloudfront-js-1.0
var s = '  Hello, World  ';
console.log([s.trim(), s.trimStart(), s.trimEnd(), s.padStart(18, '*'), 'ab'.repeat(2), 'abc'.includes('b'),
    'abc'.startsWith('ab'), 'abc'.endsWith('bc'), 'x'.codePointAt(0), String.fromCodePoint(0x1F600).length].join('|'));
console.log('a-b-c'.split('-').reverse().join('+') + ' ' + 'Hello'.toUpperCase() + ' ' + 'ABC'.toLowerCase());
