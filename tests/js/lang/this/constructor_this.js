function Point(x, y) {
    this.x = x;
    this.y = y;
}
Point.prototype.sum = function () { return this.x + this.y; };
const p = new Point(2, 3);
console.log(String(p.sum()));
function Ret() { this.a = 1; return { b: 2 }; }
const r = new Ret();
console.log(String(r.a) + ' ' + String(r.b));
function RetPrim() { this.a = 1; return 5; }
console.log(String(new RetPrim().a));
