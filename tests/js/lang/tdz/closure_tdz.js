function readLater() { return value; }
try {
    readLater();
} catch (e) {
    console.log('early: ' + e.name);
}
let value = 'set';
console.log('late: ' + readLater());
