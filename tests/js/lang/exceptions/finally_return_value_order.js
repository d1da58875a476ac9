let x = 1;
function f() {
    try {
        return x;
    } finally {
        x = 2;
    }
}
console.log(String(f()) + ' ' + String(x));
