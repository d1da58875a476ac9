// An uncaught TypeError after output: stdout is kept and the error name is
// reported (its message is engine-specific and not compared).
console.log('start');
const o = null;
o.property;
