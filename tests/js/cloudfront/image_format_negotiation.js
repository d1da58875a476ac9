function handler(event) {
    const req = event.request;
    const accept = (req.headers.accept && req.headers.accept.value) || '';
    const m = req.uri.match(/^(.*)\.(jpe?g|png)$/i);
    if (m) {
        if (accept.includes('image/avif')) req.uri = m[1] + '.avif';
        else if (accept.includes('image/webp')) req.uri = m[1] + '.webp';
    }
    const w = req.querystring.w && parseInt(req.querystring.w.value, 10);
    if (w) req.uri = req.uri.replace(/(\.\w+)$/, `_w${Math.min(Math.max(w, 64), 2048)}$1`);
    delete req.querystring.w;
    return req;
}
const cases = [['/p/cat.JPG', 'image/avif,image/webp,*/*', '100'], ['/p/dog.png', 'image/webp', '9999'], ['/p/x.gif', 'image/webp', null], ['/p/y.jpeg', '', '10']];
for (const [uri, accept, w] of cases) {
    const querystring = w ? { w: { value: w } } : {};
    console.log(JSON.stringify(handler({ request: { method: 'GET', uri, querystring, headers: { accept: { value: accept } }, cookies: {} } })));
}
