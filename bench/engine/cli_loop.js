// bench CLI loop (appended for engines run as a command: njs, brink js).
// __BENCH_PARAMS comes from the prelude bench/engine/run writes:
//   targetMs: time one timed batch should take (calibrated by doubling);
//   fixedN >= 0: run exactly fixedN invocations untimed, for engines whose
//   clock does not advance inside a run (timed from outside instead).
// Prints one JSON line; a wrong answer is reported with what it got.
(function () {
    var p = __BENCH_PARAMS, bad = 0, n, i, t0, el, got;
    got = __bench_run();
    if (got !== BENCH_EXPECT) {
        console.log(JSON.stringify({ ok: false, error: "wrong answer", got: String(got) }));
        return;
    }
    if (p.fixedN >= 0) {
        for (i = 0; i < p.fixedN; i++)
            if (__bench_run() !== BENCH_EXPECT) bad++;
        console.log(JSON.stringify({ ok: bad === 0, n: p.fixedN, bad: bad }));
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
        console.log(JSON.stringify({ ok: bad === 0, frozenClock: true }));
        return;
    }
    n = Math.ceil(n * p.targetMs / el);
    t0 = Date.now();
    for (i = 0; i < n; i++)
        if (__bench_run() !== BENCH_EXPECT) bad++;
    el = Date.now() - t0;
    console.log(JSON.stringify({ ok: bad === 0, bad: bad, n: n, ms: el }));
})();
