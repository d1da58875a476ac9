class A {}
class B extends A {}
function F() {}
const b = new B();
console.log([
    b instanceof B, b instanceof A, b instanceof Object, b instanceof F,
    [] instanceof Array, [] instanceof Object, (() => {}) instanceof Function,
    Object.create(null) instanceof Object, 1 instanceof Number, new Number(1) instanceof Number
].join(','));
try {
    b instanceof {};
} catch (e) {
    console.log('non-callable rhs: ' + e.name);
}
