class Shape {
    constructor(n) { this.n = n; }
    describe() { return 'shape ' + this.n; }
    static create(n) { return new this(n); }
}
class Square extends Shape {
    constructor(n, s) { super(n); this.s = s; }
    describe() { return super.describe() + ' square ' + this.s; }
}
const sq = new Square('sq1', 4);
console.log(sq.describe());
console.log(Square.create('made').describe());
console.log(String(sq instanceof Shape) + ' ' + String(Object.getPrototypeOf(Square) === Shape));
