// concat converts every argument with ToString; charAt/charCodeAt out of
// range give "" and NaN, and their index is converted with ToIntegerOrInfinity.
console.log('a'.concat('b', 1, null, [2, 3]));
console.log('abc'.charAt(-1) === '' ? 'empty' : 'not');
console.log(String('abc'.charCodeAt(-1)) + ' ' + String('abc'.charCodeAt(3)));
console.log(JSON.stringify('abc'.charAt(1.7)) + ' ' + String('abc'.charCodeAt('1')));
