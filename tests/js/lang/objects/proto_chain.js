const a = { fa() { return 'a'; } };
const b = Object.create(a);
b.fb = function () { return 'b'; };
const c = Object.create(b);
console.log(c.fa() + c.fb());
console.log(String(Object.getPrototypeOf(c) === b) + ' ' + String(a.isPrototypeOf(c)));
const bare = Object.create(null);
console.log(typeof bare.toString + ' ' + String(Object.getPrototypeOf(bare)));
