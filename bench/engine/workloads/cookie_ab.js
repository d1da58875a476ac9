// bench: cookie_ab
// A/B testing by cookie: a viewer without an assignment gets one from a
// hash of its IP and User-Agent; the URI is rewritten to the variant's
// prefix and the assignment is kept in the request cookies.
var BENCH_EXPECT = "/experiment-d/pricing/plans.html|d|7";

var VARIANTS = ["a", "b", "c", "d"];

function makeEvent() {
    return {
        version: "1.0",
        context: { eventType: "viewer-request", requestId: "ab-1" },
        viewer: { ip: "198.51.100.77" },
        request: {
            method: "GET",
            uri: "/pricing/plans.html",
            querystring: {},
            headers: {
                host: { value: "www.example.com" },
                "user-agent": { value: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) Safari/605.1.15" }
            },
            cookies: {
                session: { value: "s-8f2c1e" },
                theme: { value: "dark" },
                consent: { value: "analytics=1,ads=0" },
                "ab-pricing": { value: "" },
                lang: { value: "en" },
                visits: { value: "6" }
            }
        }
    };
}

/* FNV-1a over the UTF-16 units, multiplications as shifts so it stays
 * exact in ES5 (no Math.imul). */
function fnv1a(s) {
    var h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = (h + (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24)) >>> 0;
    }
    return h;
}

function handler(event) {
    var request = event.request;
    var cookies = request.cookies;
    var variant = cookies["ab-pricing"] ? cookies["ab-pricing"].value : "";
    if (VARIANTS.indexOf(variant) < 0) {
        var ua = request.headers["user-agent"] ? request.headers["user-agent"].value : "";
        variant = VARIANTS[fnv1a(event.viewer.ip + "|" + ua) % VARIANTS.length];
        cookies["ab-pricing"] = { value: variant };
    }
    if (request.uri.indexOf("/pricing/") === 0)
        request.uri = "/experiment-" + variant + request.uri;
    var visits = cookies.visits ? parseInt(cookies.visits.value, 10) : 0;
    cookies.visits = { value: String(visits + 1) };
    return request;
}

function digest(r) {
    return r.uri + "|" + r.cookies["ab-pricing"].value + "|" + r.cookies.visits.value;
}
