// Sends visitors of the home page to their language, from Accept-Language.
const supported = ['en', 'de', 'fr', 'es'];

function preferred(header) {
    if (!header) {
        return 'en';
    }
    const langs = header.value.split(',').map(part => {
        const [tag, q] = part.trim().split(';q=');
        return { lang: tag.split('-')[0].toLowerCase(), q: q === undefined ? 1 : parseFloat(q) };
    }).sort((a, b) => b.q - a.q);
    const hit = langs.find(l => supported.includes(l.lang));
    return hit ? hit.lang : 'en';
}

function handler(event) {
    const request = event.request;
    if (request.uri !== '/') {
        return request;
    }
    return {
        statusCode: 302,
        statusDescription: 'Found',
        headers: {
            location: { value: '/' + preferred(request.headers['accept-language']) + '/' },
            vary: { value: 'Accept-Language' }
        }
    };
}
