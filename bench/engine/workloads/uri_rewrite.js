// bench: uri_rewrite
// A typical viewer-request function: the full CloudFront event object is
// built per invocation, three headers are read, the URI is rewritten and
// three headers are written.
var BENCH_EXPECT = "/docs/guide/index.html|mobile|fr|rewritten";

function makeEvent() {
    return {
        version: "1.0",
        context: {
            distributionDomainName: "d111111abcdef8.cloudfront.net",
            distributionId: "EDFDVBD6EXAMPLE",
            eventType: "viewer-request",
            requestId: "4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ=="
        },
        viewer: { ip: "198.51.100.11" },
        request: {
            method: "GET",
            uri: "/docs/guide/",
            querystring: {},
            headers: {
                host: { value: "www.example.com" },
                "user-agent": { value: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148" },
                "accept-language": { value: "fr-FR,fr;q=0.9,en;q=0.8" },
                accept: { value: "text/html" }
            },
            cookies: {}
        }
    };
}

function handler(event) {
    var request = event.request;
    var headers = request.headers;
    var uri = request.uri;
    var ua = headers["user-agent"] ? headers["user-agent"].value : "";
    var lang = headers["accept-language"]
        ? headers["accept-language"].value : "en";
    var host = headers.host.value;

    if (uri.charAt(uri.length - 1) === "/") {
        request.uri = uri + "index.html";
    } else if (uri.lastIndexOf(".") < uri.lastIndexOf("/")) {
        request.uri = uri + "/index.html";
    }
    headers["x-device"] = {
        value: ua.indexOf("Mobile") >= 0 ? "mobile" : "desktop"
    };
    headers["x-lang"] = { value: lang.substring(0, 2) };
    headers["x-origin-host"] = {
        value: host === "www.example.com" ? "rewritten" : "kept"
    };
    return request;
}

function digest(r) {
    return r.uri + "|" + r.headers["x-device"].value + "|" +
        r.headers["x-lang"].value + "|" + r.headers["x-origin-host"].value;
}
