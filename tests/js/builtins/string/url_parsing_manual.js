// Edge code often splits URLs by hand (no URL class in CloudFront).
function parse(u) {
    const m = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(u);
    if (!m) return null;
    return { scheme: m[1], host: m[2], port: m[3] ? Number(m[3]) : null, path: m[4] || '/', query: m[5] || '', frag: m[6] || '' };
}
['https://example.com', 'http://a.b:8080/x/y?z=1&w=2#top', 'ftp://nope', 'https://h/p?'].forEach(u => console.log(JSON.stringify(parse(u))));
