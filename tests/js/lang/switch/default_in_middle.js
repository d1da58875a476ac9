function f(x) {
    let s = '';
    switch (x) {
        case 'a': s += 'A';
        default: s += 'D';
        case 'b': s += 'B'; break;
        case 'c': s += 'C';
    }
    return s;
}
console.log(['a', 'b', 'c', 'z'].map(f).join(' '));
