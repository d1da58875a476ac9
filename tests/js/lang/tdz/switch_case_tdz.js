function f(n) {
    switch (n) {
        case 0:
            let v = 'zero';
            return v;
        case 1:
            return typeof v;
    }
}
console.log(f(0));
try {
    f(1);
} catch (e) {
    console.log('case 1: ' + e.name);
}
