var o = { get x() { return 1 }, set x(v) {}, 'quoted': 1, 42: 'n', if: 0 };
outer: for (var i = 0; i < 10; i++) {
    inner: for (var j = 0; j < 10; j++) {
        if (j === 3) continue outer;
        if (i === 7) break outer;
    }
}
switch (typeof o) { case 'object': o.y = void 0; /* fallthrough */ default: delete o.y; }
do { i-- } while (i > 0)
var re = /[a-z]+\/(\d{2,})/gi, d = 10 / 2 / 1;
var s = "line\
continued \x41\u0042\t";
try { throw new TypeError('x') } catch (e) { e instanceof Error && (o.z = e.message) } finally { o.w = 'in' in o }
var f = function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) };
debugger;
