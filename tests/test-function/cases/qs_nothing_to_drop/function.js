// Cache-key normalisation of the query string: parameters sorted by name,
// tracking parameters (utm_*, fbclid, gclid) dropped.
function handler(event) {
    const request = event.request;
    const qs = request.querystring;
    const normalised = {};
    for (const name of Object.keys(qs).sort()) {
        if (name.startsWith('utm_') || name === 'fbclid' || name === 'gclid') {
            continue;
        }
        normalised[name] = qs[name];
    }
    request.querystring = normalised;
    return request;
}
