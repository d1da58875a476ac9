// bench: qs_plain
// Query-string normalisation in plain ES5 (no module): parse the raw query
// string, drop tracking parameters, sort the keys, stringify again.
var BENCH_EXPECT = "color=red&color=blue&lang=en&page=2&q=edge%20functions%20%26%20caching&size=m%2Fl&sort=price";

function makeEvent() {
    return {
        version: "1.0",
        context: { eventType: "viewer-request", requestId: "qs-1" },
        viewer: { ip: "192.0.2.44" },
        request: {
            method: "GET",
            uri: "/search",
            querystring: {},
            headers: { host: { value: "shop.example.com" } },
            cookies: {},
            rawQueryString: function () {
                return "utm_source=newsletter&q=edge+functions+%26+caching" +
                    "&sort=price&utm_medium=email&page=2&color=red&fbclid=XyZ123" +
                    "&size=m%2Fl&utm_campaign=spring&color=blue&lang=en";
            }
        }
    };
}

function unesc(s) {
    s = s.replace(/\+/g, " ");
    try {
        return decodeURIComponent(s);
    } catch (e) {
        return s;
    }
}

function parse(str) {
    var out = {};
    if (!str) return out;
    var pairs = str.split("&");
    for (var i = 0; i < pairs.length; i++) {
        var p = pairs[i];
        if (p === "") continue;
        var eq = p.indexOf("=");
        var k = unesc(eq >= 0 ? p.substring(0, eq) : p);
        var v = eq >= 0 ? unesc(p.substring(eq + 1)) : "";
        if (Object.prototype.hasOwnProperty.call(out, k)) {
            if (typeof out[k] === "string") out[k] = [out[k], v];
            else out[k].push(v);
        } else {
            out[k] = v;
        }
    }
    return out;
}

function stringify(obj) {
    var parts = [];
    for (var k in obj) {
        var v = obj[k];
        var ek = encodeURIComponent(k) + "=";
        if (typeof v === "string") {
            parts.push(ek + encodeURIComponent(v));
        } else {
            for (var j = 0; j < v.length; j++)
                parts.push(ek + encodeURIComponent(v[j]));
        }
    }
    return parts.join("&");
}

function handler(event) {
    var request = event.request;
    var params = parse(request.rawQueryString());
    var keys = Object.keys(params).sort();
    var sorted = {};
    for (var i = 0; i < keys.length; i++) {
        var k = keys[i];
        if (k.substring(0, 4) === "utm_" || k === "fbclid") continue;
        sorted[k] = params[k];
    }
    request.headers["x-normalized-qs"] = { value: stringify(sorted) };
    return request;
}

function digest(r) {
    return r.headers["x-normalized-qs"].value;
}
