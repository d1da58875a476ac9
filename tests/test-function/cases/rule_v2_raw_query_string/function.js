// §3: request.rawQueryString() exists in 2.0 only.
function handler(event) {
    var r = event.request;
    r.headers['x-raw'] = { value: typeof r.rawQueryString === 'function' ? String(r.rawQueryString()) : 'none' };
    return r;
}
