// An uncaught TDZ ReferenceError ends the script after the first line.
console.log('before');
z;
let z = 3;
console.log('never');
