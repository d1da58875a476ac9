console.log(1 + 2 + '3');
console.log('1' + 2 + 3);
console.log(String(1 + +'2'));
console.log('3' - - '3' + '');
console.log(String(0.1 * 3) + ' ' + String(1 / 3));
