// Greedy and lazy quantifiers, empty matches, escaped braces, and the
// backtracking order of alternatives inside groups.
console.log(JSON.stringify('aaaa'.match(/a{2,3}/)) + JSON.stringify('aaaa'.match(/a{2,3}?/)));
console.log(JSON.stringify('<a><b>'.match(/<.+>/)) + JSON.stringify('<a><b>'.match(/<.+?>/)));
console.log(JSON.stringify('abc'.match(/x*/)) + ' ' + JSON.stringify('a{1}'.match(/a\{1\}/)));
console.log(JSON.stringify(/(a|ab)(c|bcd)(d*)/.exec('abcd')));
