// runtime: cloudfront-js-1.0
var m = /^\/(?<section>[a-z]+)\/(\d+)$/.exec('/posts/42');
console.log(m.groups.section + ' ' + m[2]);
console.log('2024-01-15'.replace(/(\d+)-(\d+)-(\d+)/, '$3/$2/$1'));
console.log('a1b2'.replace(/\d/g, function (d) { return '<' + (d * 2) + '>'; }));
console.log(JSON.stringify('x, y ,z'.split(/\s*,\s*/)));
