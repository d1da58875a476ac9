// JSON.parse number edge cases (overflow to Infinity, underflow to 0, long
// mantissas) and unicode escapes including surrogate pairs.
const r = JSON.parse('[1e308, 1e309, -1e-400, 123456789012345678901234567890, 0.1, 1E2, 1e+2]');
console.log(r.map(String).join(' '));
console.log(JSON.parse('"\\ud83d\\ude00"').length + ' ' + JSON.parse('"\\/"') + ' ' + JSON.parse('"\u2028"').charCodeAt(0));
