// bench: jwt_plain
// HS256 JWT verification in plain ES5: SHA-256 and HMAC written in JS (the
// same code for every engine), base64url decoding, JSON.parse of the
// payload, signature, algorithm and expiry checks.
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

var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
];

/* UTF-8 bytes of a JS string, as an array of numbers. */
function utf8(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
        var c = s.charCodeAt(i);
        if (c < 0x80) {
            out.push(c);
        } else if (c < 0x800) {
            out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
        } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
            c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
            out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63),
                0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        } else {
            out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        }
    }
    return out;
}

/* SHA-256 (FIPS 180-4) of a byte array; returns 32 bytes. */
function sha256(bytes) {
    var h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a;
    var h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    var msg = bytes.slice(0);
    var bitLen = bytes.length * 8;
    msg.push(0x80);
    while (msg.length % 64 !== 56) msg.push(0);
    msg.push(0, 0, 0, 0, (bitLen >>> 24) & 255, (bitLen >>> 16) & 255,
        (bitLen >>> 8) & 255, bitLen & 255);
    var w = new Array(64);
    for (var off = 0; off < msg.length; off += 64) {
        var i, t1, t2;
        for (i = 0; i < 16; i++) {
            var j = off + i * 4;
            w[i] = (msg[j] << 24) | (msg[j + 1] << 16) | (msg[j + 2] << 8) | msg[j + 3];
        }
        for (i = 16; i < 64; i++) {
            var x = w[i - 15], y = w[i - 2];
            var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
            var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
            w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
        }
        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
        for (i = 0; i < 64; i++) {
            var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
            var ch = (e & f) ^ (~e & g);
            t1 = (h + S1 + ch + K[i] + w[i]) | 0;
            var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
            var maj = (a & b) ^ (a & c) ^ (b & c);
            t2 = (S0 + maj) | 0;
            h = g; g = f; f = e; e = (d + t1) | 0;
            d = c; c = b; b = a; a = (t1 + t2) | 0;
        }
        h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
        h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
    }
    var hs = [h0, h1, h2, h3, h4, h5, h6, h7], out = [];
    for (var k = 0; k < 8; k++)
        out.push((hs[k] >>> 24) & 255, (hs[k] >>> 16) & 255, (hs[k] >>> 8) & 255, hs[k] & 255);
    return out;
}

/* HMAC-SHA256 (RFC 2104) of byte arrays. */
function hmacSha256(key, data) {
    if (key.length > 64) key = sha256(key);
    var ipad = [], opad = [];
    for (var i = 0; i < 64; i++) {
        var k = i < key.length ? key[i] : 0;
        ipad.push(k ^ 0x36);
        opad.push(k ^ 0x5c);
    }
    return sha256(opad.concat(sha256(ipad.concat(data))));
}

function b64urlEncode(bytes) {
    var s = "", i;
    for (i = 0; i + 2 < bytes.length; i += 3) {
        var n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        s += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63) +
            B64.charAt((n >> 6) & 63) + B64.charAt(n & 63);
    }
    if (bytes.length - i === 1) {
        n = bytes[i] << 16;
        s += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63);
    } else if (bytes.length - i === 2) {
        n = (bytes[i] << 16) | (bytes[i + 1] << 8);
        s += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63) + B64.charAt((n >> 6) & 63);
    }
    return s;
}

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
    return b64urlEncode(hmacSha256(utf8(SECRET), utf8(data)));
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
