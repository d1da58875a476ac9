try {
    let a = a + 1;
    console.log('no error');
} catch (e) {
    console.log(e.name);
}
try {
    const f = (x = y, y = 1) => x;
    f();
} catch (e) {
    console.log('param tdz: ' + e.name);
}
