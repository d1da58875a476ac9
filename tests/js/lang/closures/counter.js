function makeCounter() {
    var n = 0;
    return {
        inc: function () { return ++n; },
        get: function () { return n; }
    };
}
var c1 = makeCounter(), c2 = makeCounter();
c1.inc(); c1.inc(); c2.inc();
console.log(c1.get() + ' ' + c2.get());
