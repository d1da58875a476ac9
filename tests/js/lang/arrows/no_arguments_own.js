function outer() {
    const inner = () => arguments[0];
    return inner('ignored');
}
console.log(outer('outer arg'));
