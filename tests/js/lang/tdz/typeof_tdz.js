// typeof does not protect against the temporal dead zone.
try {
    console.log(typeof t);
} catch (e) {
    console.log(e.name);
}
let t = 'ok';
console.log(typeof undeclaredName);
