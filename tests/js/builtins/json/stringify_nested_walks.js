// Walks inside walks: toJSON or a reviver calling JSON again without end
// is a RangeError (the C stack is bounded, not only each walk's depth);
// deep but finite data still goes through both ways.
function deep(n, leaf) {
    var d = leaf;
    for (var i = 0; i < n; i++) d = i % 2 ? [d] : { k: d };
    return d;
}
function f() { return JSON.stringify(deep(400, { toJSON: f })); }
try { f(); console.log('no error'); } catch (e) { console.log(e.name); }
function g() { return JSON.parse('[[[[1]]]]', function (k, v) { return k === '0' ? g() : v; }); }
try { g(); console.log('no error'); } catch (e) { console.log(e.name); }
var s = JSON.stringify(deep(1500, 'leaf'));
console.log(s.length, s.slice(0, 20), s.slice(-20));
var back = JSON.parse(s, function (k, v) { return v; });
var d = 0;
while (typeof back === 'object') { back = Array.isArray(back) ? back[0] : back.k; d++; }
console.log(d, back);
var inner = 0;
var once = deep(50, { toJSON: function () { inner++; return JSON.stringify(deep(50, inner)); } });
console.log(JSON.stringify([once, once]).length, inner);
