// runtime 1.0 (odd first byte): typed arrays without the 2.0 methods
var a = new Int16Array([3, 1, 2]), u = new Uint8ClampedArray(4);
function handler() {
  a.set([9, 8], 1); a.fill(-1, 2); u.set(a); a.copyWithin(0, 1);
  var s = a.slice(1).join(',') + a.subarray(1, 2).toString();
  try { a.map(function (x) { return x; }); } catch (e) { s += e.name; }
  try { new Int32Array(new ArrayBuffer(6)); } catch (e) { s += e.name; }
  return s + u.join();
}
