function f() {
    let s = '';
    try {
        try {
            throw 'a';
        } catch (x) {
            s += 'c1:' + x;
            throw 'b';
        } finally {
            s += ' f1';
        }
    } catch (y) {
        s += ' c2:' + y;
    } finally {
        s += ' f2';
    }
    return s;
}
console.log(f());
