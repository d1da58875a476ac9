console.log(JSON.stringify('a1b2c3'.split(/\d/)));
console.log(JSON.stringify('a1b2c3'.split(/(\d)/)));
console.log(JSON.stringify('a, b ,c'.split(/\s*,\s*/)));
console.log(JSON.stringify('abc'.split(/(?:)/)));
console.log(JSON.stringify('test'.split(/(t)?/)));
console.log(JSON.stringify('a1b2c3'.split(/\d/, 2)));
console.log(JSON.stringify(''.split(/x/)) + ' ' + JSON.stringify(''.split(/(?:)/)));
