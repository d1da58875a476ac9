var e = 'outer';
try {
    throw new Error('boom');
} catch (e) {
    console.log('inside: ' + e.message);
}
console.log('outside: ' + e);
try { throw 1; } catch (err) { var fromCatch = err + 1; }
console.log('var from catch: ' + fromCatch);
