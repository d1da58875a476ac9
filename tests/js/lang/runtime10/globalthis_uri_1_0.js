// runtime: cloudfront-js-1.0
// globalThis and the URI functions are available in runtime 1.0.
console.log(typeof globalThis + ' ' + encodeURIComponent('a b/ü') + ' ' + decodeURIComponent('%E2%82%AC'));
console.log(encodeURI('/path with space/ü?q=1&r=2') + ' ' + decodeURI('%41%2F'));
console.log(String(isNaN('x')) + ' ' + String(isFinite('12')));
