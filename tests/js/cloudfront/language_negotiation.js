function parseAcceptLanguage(h) {
    return h.split(',').map((part, i) => {
        const [tag, ...params] = part.trim().split(';');
        const q = params.map(p => p.trim()).find(p => p.startsWith('q='));
        return { tag: tag.toLowerCase(), q: q ? parseFloat(q.slice(2)) : 1, i };
    }).sort((a, b) => b.q - a.q || a.i - b.i);
}
function handler(event) {
    const supported = ['en', 'de', 'ja'];
    const h = event.request.headers['accept-language'];
    const prefs = h ? parseAcceptLanguage(h.value) : [];
    const pick = prefs.map(p => p.tag.split('-')[0]).find(t => supported.includes(t)) || 'en';
    event.request.uri = '/' + pick + event.request.uri;
    return event.request;
}
for (const al of ['de-DE,de;q=0.9,en;q=0.8', 'fr;q=1, ja;q=0.5, en;q=0.6', 'zh', null]) {
    const headers = al ? { 'accept-language': { value: al } } : {};
    console.log(handler({ request: { method: 'GET', uri: '/page', querystring: {}, headers, cookies: {} } }).uri);
}
