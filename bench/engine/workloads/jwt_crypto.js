// bench: jwt_crypto
// modules: crypto
// The jwt_plain verification with the HMAC from the crypto module (brink,
// njs, node); base64url decoding and the checks stay in plain JS.
var BENCH_EXPECT = "valid|user-4711|editor";

var SECRET = "bench-secret-key-0123456789abcdef";
var NOW = 1800000000; /* fixed, so every run verifies the same token */
var TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
    "eyJzdWIiOiJ1c2VyLTQ3MTEiLCJuYW1lIjoiQWRhIExvdmVsYWNlIiwicm9sZSI6ImVkaXRvciIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxOTAwMDAwMDAwLCJzY29wZSI6InJlYWQ6ZG9jcyB3cml0ZTpkcmFmdHMifQ." +
    "4Gs1TFQ_ttsBGBrgGXJLlS9PPGoQT5WQCCN7EllBjI0";

function makeEvent() {
    return {
        version: "1.0",
        context: { eventType: "viewer-request", requestId: "jwt-1" },
        viewer: { ip: "192.0.2.10" },
        request: {
            method: "GET",
            uri: "/api/docs/42",
            querystring: {},
            headers: {
                host: { value: "api.example.com" },
                authorization: { value: "Bearer " + TOKEN }
            },
            cookies: {}
        }
    };
}

var crypto = require("crypto");
var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* base64url text to a string of Latin-1 characters (the payload is ASCII
 * JSON here; a UTF-8 payload would need one more decoding step). */
function b64urlDecode(s) {
    var out = "", bits = 0, acc = 0;
    for (var i = 0; i < s.length; i++) {
        var v = B64.indexOf(s.charAt(i));
        if (v < 0) return null;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += String.fromCharCode((acc >> bits) & 255);
        }
    }
    return out;
}

function sign(data) {
    return crypto.createHmac("sha256", SECRET).update(data).digest("base64url");
}

function deny(request) {
    return { statusCode: 401, statusDescription: "Unauthorized", headers: {} };
}

function handler(event) {
    var request = event.request;
    var auth = request.headers.authorization;
    if (!auth || auth.value.indexOf("Bearer ") !== 0) return deny(request);
    var parts = auth.value.substring(7).split(".");
    if (parts.length !== 3) return deny(request);
    var header = JSON.parse(b64urlDecode(parts[0]));
    if (header.alg !== "HS256") return deny(request);
    if (sign(parts[0] + "." + parts[1]) !== parts[2]) return deny(request);
    var claims = JSON.parse(b64urlDecode(parts[1]));
    if (typeof claims.exp !== "number" || claims.exp <= NOW) return deny(request);
    request.headers["x-user"] = { value: claims.sub };
    request.headers["x-role"] = { value: claims.role };
    delete request.headers.authorization;
    return request;
}

function digest(r) {
    if (r.statusCode) return "denied|" + r.statusCode;
    return "valid|" + r.headers["x-user"].value + "|" + r.headers["x-role"].value;
}
