// Only exactly representable cases: non-integer radix output is
// implementation-approximated by the spec.
const r = [(255).toString(16), (255).toString(2), (-255).toString(36), (0.5).toString(2), (3.75).toString(16),
    (2 ** 53).toString(7), (-0).toString(2), (NaN).toString(16), (Infinity).toString(2), (35).toString(36),
    (0.125).toString(8), (-10.5).toString(16)];
console.log(r.join(' '));
try { (1).toString(1); } catch (e) { console.log(e.name); }
try { (1).toString(37); } catch (e) { console.log(e.name); }
