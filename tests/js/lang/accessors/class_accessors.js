class Box {
    constructor(w, h) { this.w = w; this.h = h; }
    get area() { return this.w * this.h; }
    set size(s) { this.w = s; this.h = s; }
    static get kind() { return 'box'; }
}
const b = new Box(2, 3);
console.log(String(b.area));
b.size = 4;
console.log(String(b.area) + ' ' + Box.kind);
