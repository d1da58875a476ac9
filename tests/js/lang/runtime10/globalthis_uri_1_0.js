// runtime: cloudfront-js-1.0
console.log(typeof globalThis + ' ' + encodeURIComponent('a b/ü') + ' ' + decodeURIComponent('%E2%82%AC'));
console.log(String(isNaN('x')) + ' ' + String(isFinite('12')));
