// bench: regex_route
// Routing by regular expressions: 20 routes tried in order against the
// URI; the first match rewrites the URI from its captures. The request
// matches route 17, so most patterns are tried and fail first.
var BENCH_EXPECT = "/v2/media/2024/11/img-0042@2x.webp|17";

var ROUTES = [
    [/^\/$/, "/index.html"],
    [/^\/about\/?$/, "/pages/about.html"],
    [/^\/blog\/(\d{4})\/(\d{2})\/([a-z0-9-]+)\/?$/, "/blog/$1-$2-$3.html"],
    [/^\/blog\/tag\/([a-z0-9-]+)$/, "/blog/tags/$1.html"],
    [/^\/docs\/(v\d+)\/(.+)\.md$/, "/docs/$1/$2.html"],
    [/^\/docs\/latest\/(.*)$/, "/docs/v9/$1"],
    [/^\/api\/v1\/users\/(\d+)$/, "/api/users?id=$1"],
    [/^\/api\/v1\/orders\/([A-Z]{2}-\d{6})$/, "/api/orders?ref=$1"],
    [/^\/shop\/(men|women|kids)\/([a-z-]+)\/(\d+)$/, "/shop/item/$3?cat=$1&sub=$2"],
    [/^\/static\/([a-f0-9]{8})\/(.+)$/, "/assets/$2?v=$1"],
    [/^\/(en|de|fr|es)\/(.*)$/, "/$2?lang=$1"],
    [/^\/download\/([\w.-]+)\.(zip|tar\.gz)$/, "/files/$1.$2"],
    [/^\/u\/([a-zA-Z0-9_]{3,16})$/, "/profile?user=$1"],
    [/^\/search\/(.+)$/, "/search?q=$1"],
    [/^\/events\/(\d{4})-(\d{2})-(\d{2})$/, "/events?date=$1$2$3"],
    [/^\/legacy\/(.*)\.php$/, "/modern/$1"],
    [/^\/media\/(\d{4})\/(\d{2})\/([\w-]+)\.(jpe?g|png)$/i, "/v2/media/$1/$2/$3@2x.webp"],
    [/^\/video\/([\w-]+)\/(\d+p)\.m3u8$/, "/hls/$1/$2/index.m3u8"],
    [/^\/health$/, "/healthz"],
    [/^\/(.*)$/, "/fallback/$1"]
];

function makeEvent() {
    return {
        version: "1.0",
        context: { eventType: "viewer-request", requestId: "rx-1" },
        viewer: { ip: "203.0.113.99" },
        request: {
            method: "GET",
            uri: "/media/2024/11/img-0042.JPG",
            querystring: {},
            headers: { host: { value: "cdn.example.com" } },
            cookies: {}
        }
    };
}

function handler(event) {
    var request = event.request;
    var uri = request.uri;
    for (var i = 0; i < ROUTES.length; i++) {
        var m = ROUTES[i][0].exec(uri);
        if (m === null) continue;
        request.uri = ROUTES[i][1].replace(/\$(\d)/g, function (all, d) {
            return m[+d] === undefined ? "" : m[+d];
        });
        request.headers["x-route"] = { value: String(i + 1) };
        return request;
    }
    return request;
}

function digest(r) {
    return r.uri + "|" + r.headers["x-route"].value;
}
