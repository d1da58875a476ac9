const temp = {
    _c: 20,
    get f() { return this._c * 9 / 5 + 32; },
    set f(v) { this._c = (v - 32) * 5 / 9; }
};
console.log(String(temp.f));
temp.f = 212;
console.log(String(temp._c));
console.log(Object.keys(temp).join(','));
