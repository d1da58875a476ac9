const o = { get x() { return 1; } };
try {
    o.x = 2;
    console.log('assigned');
} catch (e) {
    console.log(e.name);
}
console.log(String(o.x));
