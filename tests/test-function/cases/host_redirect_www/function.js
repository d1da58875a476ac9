// Canonical host: www.example.com and example.net go to https://example.com,
// keeping the path and the query string.
function queryString(qs) {
    const parts = [];
    for (const name in qs) {
        const p = qs[name];
        if (p.multiValue) {
            p.multiValue.forEach(v => parts.push(name + '=' + v.value));
        } else {
            parts.push(name + '=' + p.value);
        }
    }
    return parts.length ? '?' + parts.join('&') : '';
}

function handler(event) {
    const request = event.request;
    const host = request.headers.host.value;
    if (host !== 'example.com') {
        return {
            statusCode: 301,
            statusDescription: 'Moved Permanently',
            headers: {
                location: { value: 'https://example.com' + request.uri + queryString(request.querystring) }
            }
        };
    }
    return request;
}
