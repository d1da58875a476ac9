// The viewer-request function of the nginx + njs edge: the same rewrite as
// viewer_request.js (brink's CloudFront function), in njs's nginx API.
// Called through js_set $fn_uri; it returns the URI to fetch and cache,
// and sets three js_var variables that become headers to the origin.
function viewer_request(r) {
    var uri = r.uri;
    var ua = r.headersIn["User-Agent"] || "";
    var lang = r.headersIn["Accept-Language"] || "en";
    var host = r.headersIn.Host;

    if (uri.charAt(uri.length - 1) === "/") {
        uri = uri + "index.html";
    } else if (uri.lastIndexOf(".") < uri.lastIndexOf("/")) {
        uri = uri + "/index.html";
    }
    r.variables.fn_device = ua.indexOf("Mobile") >= 0 ? "mobile" : "desktop";
    r.variables.fn_lang = lang.substring(0, 2);
    r.variables.fn_host = host === "www.example.com" ? "rewritten" : "kept";
    return uri;
}

export default { viewer_request };
