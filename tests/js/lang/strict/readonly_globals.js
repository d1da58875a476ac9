try {
    undefined = 1;
} catch (e) {
    console.log('undefined: ' + e.name);
}
try {
    NaN = 1;
} catch (e) {
    console.log('NaN: ' + e.name);
}
try {
    Infinity = 0;
} catch (e) {
    console.log('Infinity: ' + e.name);
}
console.log(String(undefined) + ' ' + String(NaN) + ' ' + String(Infinity));
