// toJSON looked up afresh after any code ran during the walk: getters,
// toJSON itself, valueOf of a Number wrapper, getters for holes on
// Array.prototype and replacers may all add a toJSON to a prototype.
var o = { a: {}, b: [], get c() { Object.prototype.toJSON = function () { return 'PO'; }; Array.prototype.toJSON = function () { return 'PA'; }; return 1; }, d: {}, e: [], f: { g: {} } };
console.log(JSON.stringify(o));
delete Object.prototype.toJSON; delete Array.prototype.toJSON;
var o2 = { a: {}, b: { toJSON: function () { Object.prototype.toJSON = function () { return 'late'; }; return 'b'; } }, c: {}, d: [{}] };
console.log(JSON.stringify(o2));
delete Object.prototype.toJSON;
var o3 = { a: new Number(1), b: {} };
o3.a.valueOf = function () { Object.prototype.toJSON = function () { return 'vo'; }; return 7; };
console.log(JSON.stringify(o3));
delete Object.prototype.toJSON;
var arr = [{}, , {}];
Object.defineProperty(Array.prototype, 1, { get: function () { Object.prototype.toJSON = function () { return 'hole'; }; return 5; }, configurable: true });
var r4 = JSON.stringify(arr);
delete Array.prototype[1]; delete Object.prototype.toJSON;
console.log(r4);
console.log(JSON.stringify({ x: {}, y: (function () { var r = {}; return r; })() }, function (k, v) { if (k === 'x') Object.prototype.toJSON = function () { return 'rep'; }; return v; }));
delete Object.prototype.toJSON;
var proto = { toJSON: function () { return 'mine'; } };
console.log(JSON.stringify([Object.create(proto), {}, Object.create(Object.create(proto)), Object.create(null)]));
