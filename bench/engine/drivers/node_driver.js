// node peer driver for the engine suite (not part of brink).
//
//   node node_driver.js iso|warm TARGET_MS ROUNDS FILE.js
//
// FILE.js is an assembled workload (defines __bench_run and BENCH_EXPECT).
// The script is compiled once with vm.Script.
// warm: one vm context; the program runs once, each invocation calls
//       __bench_run() in it.
// iso:  each invocation makes a fresh vm context, runs the program in it
//       and calls __bench_run() - node's nearest thing to a fresh isolated
//       state per request.
// Modules (crypto, querystring) are reachable through a `require` put in
// the context. Prints one JSON line like the C drivers.
"use strict";
const fs = require("fs");
const vm = require("vm");

const [mode, targetArg, roundsArg, file] = process.argv.slice(2);
const targetNs = Number(targetArg) * 1e6;
const rounds = Number(roundsArg);
const script = new vm.Script(fs.readFileSync(file, "utf8"), { filename: file });

function newContext() {
    const ctx = vm.createContext({ require });
    script.runInContext(ctx);
    return ctx;
}

let got = null;
const warmCtx = newContext();
const expect = warmCtx.BENCH_EXPECT;

const invoke = mode === "iso"
    ? () => newContext().__bench_run()
    : () => warmCtx.__bench_run();

function batch(n) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
        const r = invoke();
        if (r !== expect) {
            got = String(r);
            return -1;
        }
    }
    return Number(process.hrtime.bigint() - t0);
}

function main() {
    let el, n = 1;
    try {
        if (batch(1) < 0) return fail("wrong answer");
        for (;;) {
            el = batch(n);
            if (el < 0) return fail("wrong answer");
            if (el >= targetNs / 5 || n >= 2 ** 30) break;
            n *= 2;
        }
        let n2 = Math.max(1, Math.floor(n * targetNs / Math.max(el, 1)));
        const ns = [];
        while (ns.length < rounds) {
            el = batch(n2);
            if (el < 0) return fail("wrong answer");
            // A slowed calibration batch makes n2 too small: redo a batch
            // under half the target with twice the invocations.
            if (el < targetNs / 2 && n2 < 2 ** 30) {
                n2 *= 2;
                continue;
            }
            ns.push(Math.round(el / n2 * 10) / 10);
        }
        console.log(JSON.stringify({ ok: true, n: n2, ns }));
    } catch (e) {
        got = String(e);
        fail("exception");
    }
}

function fail(kind) {
    console.log(JSON.stringify({ ok: false, error: kind, got }));
    process.exitCode = 1;
}

main();
