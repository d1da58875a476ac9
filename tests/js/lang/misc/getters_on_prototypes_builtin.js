const arr = [1, 2, 3];
console.log(String(Object.prototype.hasOwnProperty.call(arr, 'length')));
const re = /x/gi;
console.log(String(Object.prototype.hasOwnProperty.call(re, 'global')) + ' ' + String(re.global));
const d = Object.getOwnPropertyDescriptor(RegExp.prototype, 'flags');
console.log(typeof d.get + ' ' + typeof d.set);
