// bench: qs_module
// modules: querystring
// The same normalisation as qs_plain, through the querystring module
// (brink, njs, node): parse, drop tracking parameters, sort, stringify.
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

var querystring = require("querystring");

function handler(event) {
    var request = event.request;
    var params = querystring.parse(request.rawQueryString());
    var keys = Object.keys(params).sort();
    var sorted = {};
    for (var i = 0; i < keys.length; i++) {
        var k = keys[i];
        if (k.substring(0, 4) === "utm_" || k === "fbclid") continue;
        sorted[k] = params[k];
    }
    request.headers["x-normalized-qs"] = { value: querystring.stringify(sorted) };
    return request;
}

function digest(r) {
    return r.headers["x-normalized-qs"].value;
}
