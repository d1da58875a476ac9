console.log('before');
z;
let z = 3;
console.log('never');
