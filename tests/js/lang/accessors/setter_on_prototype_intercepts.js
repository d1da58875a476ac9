const proto = {
    set v(x) { this._v = 'via setter ' + x; }
};
const o = Object.create(proto);
o.v = 1;
console.log(o._v);
console.log(String(Object.prototype.hasOwnProperty.call(o, 'v')));
