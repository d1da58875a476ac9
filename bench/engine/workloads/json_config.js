// bench: json_config
// JSON configuration lookup: parse a 2 KB JSON configuration (as if read
// from a KeyValueStore), find the site and path rule for the request, apply
// them, and serialise the updated configuration back with JSON.stringify.
var BENCH_EXPECT = "origin-4.internal.example.net|86400|silver|2180";

var CONFIG_TEXT =
    '{"version":7,"updated":"2026-11-01T12:00:00Z","default":"www.example' +
    '.com","sites":{"www.example.com":{"origin":"origin-0.internal.exampl' +
    'e.net","ttl":60,"compress":true,"headers":{"x-site":"www","x-tier":"' +
    'gold"},"paths":[{"prefix":"/static/","ttl":86400,"cache":true},{"pre' +
    'fix":"/api/","ttl":0,"cache":false},{"prefix":"/img/","ttl":3600,"ca' +
    'che":true,"resize":[320,640,1280]}],"redirects":{"/old":"/new","/hom' +
    'e":"/"}},"shop.example.com":{"origin":"origin-1.internal.example.net' +
    '","ttl":120,"compress":false,"headers":{"x-site":"shop","x-tier":"si' +
    'lver"},"paths":[{"prefix":"/static/","ttl":86400,"cache":true},{"pre' +
    'fix":"/api/","ttl":0,"cache":false},{"prefix":"/img/","ttl":3600,"ca' +
    'che":true,"resize":[320,640,1280]}],"redirects":{"/old":"/new","/hom' +
    'e":"/"}},"api.example.com":{"origin":"origin-2.internal.example.net"' +
    ',"ttl":180,"compress":true,"headers":{"x-site":"api","x-tier":"bronz' +
    'e"},"paths":[{"prefix":"/static/","ttl":86400,"cache":true},{"prefix' +
    '":"/api/","ttl":0,"cache":false},{"prefix":"/img/","ttl":3600,"cache' +
    '":true,"resize":[320,640,1280]}],"redirects":{"/old":"/new","/home":' +
    '"/"}},"cdn.example.com":{"origin":"origin-3.internal.example.net","t' +
    'tl":240,"compress":false,"headers":{"x-site":"cdn","x-tier":"gold"},' +
    '"paths":[{"prefix":"/static/","ttl":86400,"cache":true},{"prefix":"/' +
    'api/","ttl":0,"cache":false},{"prefix":"/img/","ttl":3600,"cache":tr' +
    'ue,"resize":[320,640,1280]}],"redirects":{"/old":"/new","/home":"/"}' +
    '},"blog.example.com":{"origin":"origin-4.internal.example.net","ttl"' +
    ':300,"compress":true,"headers":{"x-site":"blog","x-tier":"silver"},"' +
    'paths":[{"prefix":"/static/","ttl":86400,"cache":true},{"prefix":"/a' +
    'pi/","ttl":0,"cache":false},{"prefix":"/img/","ttl":3600,"cache":tru' +
    'e,"resize":[320,640,1280]}],"redirects":{"/old":"/new","/home":"/"}}' +
    ',"docs.example.com":{"origin":"origin-5.internal.example.net","ttl":' +
    '360,"compress":false,"headers":{"x-site":"docs","x-tier":"bronze"},"' +
    'paths":[{"prefix":"/static/","ttl":86400,"cache":true},{"prefix":"/a' +
    'pi/","ttl":0,"cache":false},{"prefix":"/img/","ttl":3600,"cache":tru' +
    'e,"resize":[320,640,1280]}],"redirects":{"/old":"/new","/home":"/"}}' +
    '},"flags":{"beta":false,"maintenance":false,"sampleRate":0.25}}';

function makeEvent() {
    return {
        version: "1.0",
        context: { eventType: "viewer-request", requestId: "js-1" },
        viewer: { ip: "198.51.100.200" },
        request: {
            method: "GET",
            uri: "/static/app.3f9a.js",
            querystring: {},
            headers: { host: { value: "blog.example.com" } },
            cookies: {}
        }
    };
}

function handler(event) {
    var request = event.request;
    var config = JSON.parse(CONFIG_TEXT);
    var host = request.headers.host ? request.headers.host.value : config["default"];
    var site = config.sites[host] || config.sites[config["default"]];
    var ttl = site.ttl;
    for (var i = 0; i < site.paths.length; i++) {
        if (request.uri.indexOf(site.paths[i].prefix) === 0) {
            ttl = site.paths[i].ttl;
            break;
        }
    }
    request.headers["x-origin"] = { value: site.origin };
    request.headers["x-ttl"] = { value: String(ttl) };
    request.headers["x-tier"] = { value: site.headers["x-tier"] };
    site.hits = (site.hits || 0) + 1;
    request.headers["x-config-size"] = { value: String(JSON.stringify(config).length) };
    return request;
}

function digest(r) {
    return r.headers["x-origin"].value + "|" + r.headers["x-ttl"].value + "|" +
        r.headers["x-tier"].value + "|" + r.headers["x-config-size"].value;
}
