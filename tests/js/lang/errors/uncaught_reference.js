// Calling an undeclared function: uncaught ReferenceError after output.
// An uncaught ReferenceError after some output.
console.log('one');
console.log('two');
notDefinedAnywhere();
