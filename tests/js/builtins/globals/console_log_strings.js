console.log('plain');
console.log('');
console.log('a' + 'b');
console.log('unicode ✓ é 😀');
console.log('tab\tinside');
