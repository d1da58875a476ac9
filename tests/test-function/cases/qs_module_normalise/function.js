// Query-string normalisation with the querystring module: parse, drop
// empty values, sort, stringify.
const querystring = require('querystring');

function handler(event) {
    const request = event.request;
    const raw = request.rawQueryString();
    if (!raw) {
        return request;
    }
    const params = querystring.parse(raw);
    const out = {};
    for (const name of Object.keys(params).sort()) {
        if (params[name] !== '') {
            out[name] = params[name];
        }
    }
    request.headers['x-normalised-query'] = { value: querystring.stringify(out) };
    return request;
}
