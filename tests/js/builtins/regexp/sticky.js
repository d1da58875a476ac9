const re = /foo/y;
re.lastIndex = 3;
console.log(String(re.test('barfoo')) + ' ' + re.lastIndex);
re.lastIndex = 1;
console.log(String(re.test('barfoo')) + ' ' + re.lastIndex);
console.log(JSON.stringify('aaXaa'.split(/a/y)));
console.log(JSON.stringify('abab'.match(/ab/gy)) + ' ' + JSON.stringify('xab'.match(/ab/gy)));
