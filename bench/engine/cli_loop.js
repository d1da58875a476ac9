// bench CLI loop (appended for engines run as a command: njs, brink js).
// __BENCH_PARAMS comes from the prelude bench/engine/suite.py writes:
//   targetMs: time one timed batch should take (calibrated by doubling);
//   fixedN >= 0: run exactly fixedN invocations untimed, for engines whose
//   clock does not advance inside a run (timed from outside instead).
// Prints one JSON line; a wrong answer is reported with what it got. Uses
// no JSON, Math or Date beyond Date.now(), so that it runs on an engine
// that has only the language's minimum built-ins.
(function () {
    var p = __BENCH_PARAMS, bad = 0, n, i, t0, el, got;
    function q(s) {
        return '"' + String(s).split("\\").join("\\\\").split('"').join('\\"') + '"';
    }
    got = __bench_run();
    if (got !== BENCH_EXPECT) {
        console.log('{"ok":false,"error":"wrong answer","got":' + q(got) + "}");
        return;
    }
    if (p.fixedN >= 0) {
        for (i = 0; i < p.fixedN; i++)
            if (__bench_run() !== BENCH_EXPECT) bad++;
        console.log('{"ok":' + (bad === 0) + ',"n":' + p.fixedN + ',"bad":' + bad + "}");
        return;
    }
    if (typeof Date === "undefined" || typeof Date.now !== "function") {
        console.log('{"ok":true,"frozenClock":true}');
        return;
    }
    // A clock frozen for the run (CloudFront freezes Date) is found here,
    // cheaply, before calibration would loop on it.
    t0 = Date.now();
    for (i = 0; i < 3000000 && Date.now() === t0; i++) {}
    if (Date.now() === t0) {
        console.log('{"ok":true,"frozenClock":true}');
        return;
    }
    n = 1;
    for (;;) {
        t0 = Date.now();
        for (i = 0; i < n; i++)
            if (__bench_run() !== BENCH_EXPECT) bad++;
        el = Date.now() - t0;
        if (el >= p.targetMs / 5 || n >= 4194304) break;
        n *= 2;
    }
    if (el === 0) {
        console.log('{"ok":' + (bad === 0) + ',"frozenClock":true}');
        return;
    }
    // A preempted calibration batch makes n too small: a timed batch
    // shorter than half the target (too coarse for a 1 ms clock) is
    // redone with twice the invocations.
    n = ((n * p.targetMs / el) | 0) + 1;
    for (;;) {
        t0 = Date.now();
        for (i = 0; i < n; i++)
            if (__bench_run() !== BENCH_EXPECT) bad++;
        el = Date.now() - t0;
        if (el >= p.targetMs / 2 || n >= 67108864) break;
        n *= 2;
    }
    console.log('{"ok":' + (bad === 0) + ',"bad":' + bad + ',"n":' + n + ',"ms":' + el + "}");
})();
