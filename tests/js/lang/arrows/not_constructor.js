const A = () => {};
try {
    new A();
    console.log('constructed');
} catch (e) {
    console.log(e.name);
}
console.log(String(A.prototype));
