// exec results: the match array (unmatched groups undefined), index and
// input; a failed exec gives null.
const m = /(\d{4})-(\d{2})(?:-(\d{2}))?/.exec('date: 2024-03 end');
console.log(JSON.stringify(m) + ' ' + m.index + ' ' + JSON.stringify(m.input) + ' ' + String(m[3]));
console.log(String(/x/.exec('abc')));
console.log(JSON.stringify('aaa'.match(/a/)) + ' ' + String('aaa'.match(/a/).index));
