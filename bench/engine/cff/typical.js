// The typical viewer-request function of issues 3 and 5 (the uri_rewrite
// workload as a CloudFront function), run by drivers/cff_driver.c.
function handler(event) {
    var request = event.request;
    var headers = request.headers;
    var uri = request.uri;
    var ua = headers["user-agent"] ? headers["user-agent"].value : "";
    var lang = headers["accept-language"]
        ? headers["accept-language"].value : "en";
    var host = headers.host ? headers.host.value : "";

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
