const base = {
    get who() { return this.name; },
    set who(v) { this.name = v.toUpperCase(); }
};
const mid = Object.create(base);
const leaf = Object.create(mid);
leaf.name = 'leaf';
console.log(leaf.who);
leaf.who = 'renamed';
console.log(leaf.name + ' ' + String(Object.prototype.hasOwnProperty.call(mid, 'name')));
