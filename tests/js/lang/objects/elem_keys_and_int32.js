// o[k] with interned keys (for-in, Object.keys), element stores, and
// ToInt32 of values past 2^31 (hashes written with shifts and >>> 0).
var h = { host: { value: "a" }, "user-agent": { value: "b" }, "0": { value: "zero" } };
var out = {};
for (var name in h) out[name] = { value: h[name].value.toUpperCase() };
console.log(JSON.stringify(out));
var keys = Object.keys(h);
for (var i = 0; i < keys.length; i++) out[keys[i]] = h[keys[i]].value;
console.log(JSON.stringify(out));
// getters, setters and read-only properties reached by o[k]
var acc = { get g() { return "getter"; }, set s(v) { this.seen = v; } };
var ks = Object.keys(acc);
console.log(acc[ks[0]], (acc[ks[1]] = 5), acc.seen);
var frozen = Object.freeze({ a: 1 });
var fk = Object.keys(frozen)[0];
try { frozen[fk] = 2; } catch (e) { console.log(e.name, frozen[fk]); }
// inherited values and missing keys
var child = Object.create({ inherited: "yes" });
var ik = "inher" + "ited";
console.log(child[ik], child[Object.keys({ missing: 0 })[0]]);
// arrays, strings and typed arrays with interned keys
var arr = [10, 20];
var lk = Object.getOwnPropertyNames(arr)[2];
console.log(lk, arr[lk], "abc"[Object.keys({ length: 0 })[0]]);
var ta = new Uint8Array(2);
var tk = Object.keys({ "-0": 1, "Infinity": 2, "1.5": 3 });
for (var i = 0; i < tk.length; i++) { ta[tk[i]] = 9; console.log(tk[i], ta[tk[i]]); }
// more than eight properties: stores into a hashed table
var big = {};
for (var i = 0; i < 20; i++) big["k" + i] = i;
var bk = Object.keys(big);
for (var i = 0; i < bk.length; i++) big[bk[i]] = big[bk[i]] * 2;
console.log(big.k0, big.k19, Object.keys(big).length);
// ToInt32 / ToUint32 past 2^31
function fnv(s) {
    var x = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
        x ^= s.charCodeAt(i);
        x = (x + (x << 1) + (x << 4) + (x << 7) + (x << 8) + (x << 24)) >>> 0;
    }
    return x;
}
console.log(fnv("198.51.100.77|Mozilla/5.0"), fnv(""), fnv("a"));
var vals = [2147483648, 4294967295, 4294967296, 4294967297.7, -2147483649,
            -4294967297.5, 1e10, -1e10, 9007199254740993, 2 ** 53, 2 ** 62,
            -(2 ** 62), 2 ** 63, -(2 ** 63), 2 ** 64 + 4096, 1e300, -1e300,
            Infinity, -Infinity, NaN, -0, 0.9, -0.9, 2147483647.9];
var r = [];
for (var i = 0; i < vals.length; i++)
    r.push((vals[i] | 0) + "," + (vals[i] >>> 0) + "," + (vals[i] >> 1) + "," +
           (~vals[i]) + "," + (vals[i] ^ 1) + "," + (vals[i] & 0xffff) + "," +
           (vals[i] << 3));
console.log(r.join(" "));
