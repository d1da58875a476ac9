try {
    Number.prototype.toFixed.call('1', 2);
} catch (e) {
    console.log(e.name);
}
console.log(Number.prototype.toFixed.call(new Number(1.5), 1));
console.log((25).toString() + ' ' + (25).valueOf() + ' ' + typeof new Number(3).valueOf());
