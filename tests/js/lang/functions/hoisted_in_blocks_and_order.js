function outer() {
    const r = [inner(), typeof later];
    function inner() { return 'inner'; }
    var later = 1;
    return r.join(',');
}
console.log(outer());
