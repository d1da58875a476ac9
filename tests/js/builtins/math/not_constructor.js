try {
    new Math();
} catch (e) {
    console.log(e.name);
}
console.log(Object.prototype.toString.call(Math));
console.log(typeof Math.max + ' ' + Math.max.length + ' ' + Math.hypot.length);
