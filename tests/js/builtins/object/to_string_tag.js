// Object.prototype.toString reads Symbol.toStringTag, from an own property
// or an inherited getter.
const o = { [Symbol.toStringTag]: 'Custom' };
console.log(Object.prototype.toString.call(o) + ' ' + String(o));
class Tagged { get [Symbol.toStringTag]() { return 'T'; } }
console.log(String(new Tagged()));
