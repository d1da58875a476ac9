// bench: compute
// A compute-heavy function: a loop with calls, property reads and writes,
// array work, string building and a sort - the kind of work that decides
// engine speed once the invocation has started.
var BENCH_EXPECT = "624058|jk59:3snu:exsx:5q8y:deyx|5013|21737";

function Point(x, y) {
    this.x = x;
    this.y = y;
}

function mix(p, i) {
    return (p.x * 31 + p.y * 17 + i) % 1000003;
}

function makeEvent() {
    return { request: { method: "GET", uri: "/compute", seed: 7 } };
}

function handler(event) {
    var seed = event.request.seed;
    var p = new Point(seed, seed * 3);
    var acc = 0, s = "", parts = [];
    for (var i = 0; i < 3000; i++) {
        var v = mix(p, i);
        p.x = p.y;
        p.y = v;
        acc = (acc + v) % 1000003;
        if (i % 600 === 599) parts.push(v.toString(36));
    }
    var arr = [];
    for (i = 0; i < 300; i++) arr.push((i * 7919) % 10007);
    arr.sort(function (a, b) { return a - b; });
    for (i = 0; i < 200; i++) s += String.fromCharCode(97 + (arr[i] % 26));
    var sum = 0;
    for (i = 0; i < s.length; i++) sum += s.charCodeAt(i) * (i % 3);
    event.request.result = acc + "|" + parts.join(":") + "|" + arr[150] + "|" + sum;
    return event.request;
}

function digest(r) {
    return r.result;
}
