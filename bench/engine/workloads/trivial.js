// bench: trivial
// The smallest viewer-request function: return the request unchanged.
// Measures the fixed cost of starting and ending one invocation.
var BENCH_EXPECT = "/index.html";

function makeEvent() {
    return { request: { method: "GET", uri: "/index.html" } };
}

function handler(event) {
    return event.request;
}

function digest(r) {
    return r.uri;
}
