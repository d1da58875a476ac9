// brink-only
// CloudFront: new Function() throws (and so does Function() without new).
try {
    const f = new Function('a', 'return a');
    console.log('constructed ' + f(1));
} catch (e) {
    console.log('threw ' + (e instanceof Error));
}
try {
    Function('return 1')();
    console.log('called');
} catch (e) {
    console.log('threw again ' + (e instanceof Error));
}
