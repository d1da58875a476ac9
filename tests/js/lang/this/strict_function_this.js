function whatIsThis() { return this; }
console.log(String(whatIsThis()));
console.log(String(whatIsThis.call(5) === 5));
console.log(typeof whatIsThis.call('s'));
console.log(String(whatIsThis.call(null)));
