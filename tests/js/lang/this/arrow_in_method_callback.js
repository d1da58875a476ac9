function Timer() {
    this.ticks = 0;
    [1, 2, 3].forEach(() => { this.ticks++; });
}
const t = new Timer();
console.log('ticks=' + t.ticks);
const o = {
    items: ['a', 'b'],
    prefix: '>',
    show() { return this.items.map(function (x) { return this.prefix + x; }, this).join(''); }
};
console.log(o.show());
