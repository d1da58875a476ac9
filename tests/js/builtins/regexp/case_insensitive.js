console.log([
    /abc/i.test('ABC'),
    /[a-z]+/i.test('XYZ'),
    /ß/i.test('SS'),
    /é/i.test('É'),
    /\u212a/i.test('k'),
    /\u212a/iu.test('k')
].join(','));
