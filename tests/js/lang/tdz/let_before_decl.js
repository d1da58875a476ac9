try {
    console.log(String(x));
} catch (e) {
    console.log('caught ' + e.name);
}
let x = 1;
console.log('x=' + x);
