// The JSON object: its @@toStringTag, the arity of parse and stringify, and
// that it is a plain object, not a constructor.
console.log(Object.prototype.toString.call(JSON) + ' ' + typeof JSON.parse + ' ' + JSON.parse.length + ' ' + JSON.stringify.length);
console.log(typeof JSON + ' ' + String(Object.getPrototypeOf(JSON) === Object.prototype));
try { new JSON(); } catch (e) { console.log(e.name); }
