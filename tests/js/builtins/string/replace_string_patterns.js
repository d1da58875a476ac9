const s = 'John Smith';
console.log(s.replace('Smith', '[$&]'));
console.log(s.replace('John', "$'"));
console.log(s.replace('Smith', '$`'));
console.log(s.replace('o', '$$'));
console.log(s.replace('x', 'never'));
console.log('aaa'.replace('a', 'b'));
console.log('aaa'.replaceAll('a', 'b'));
console.log('a.b.c'.replaceAll('.', '$&$&'));
