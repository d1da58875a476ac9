// bench: noop
// The floor: no event, a handler returning a constant. In iso mode this is
// the bare cost of beginning an invocation, one call, and ending it.
var BENCH_EXPECT = "ok";

function makeEvent() {
    return null;
}

function handler(event) {
    return "ok";
}

function digest(r) {
    return r;
}
