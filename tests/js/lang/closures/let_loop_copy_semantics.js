// A closure in the for-let initialiser captures the *initial* binding:
// the loop body sees per-iteration copies, so inc() never advances them.
const seen = [];
let guard = 0;
for (let i = 0, inc = () => i++; i < 3 && guard < 5; inc(), guard++) {
    seen.push(i);
}
console.log(seen.join(','));
const gs = [];
for (let j = 0; j < 3; j++) {
    gs.push(() => j);
    if (j === 1) j = 10;
}
console.log(gs.map(g => g()).join(','));
