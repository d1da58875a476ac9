// exact-message
// A user-created error escaping the script: name and message are both
// compared (the message comes from the script, not the engine).
console.log('line one');
throw new RangeError('out of range: 42');
