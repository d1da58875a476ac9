// Cache-key normalisation: Accept-Language reduced to one supported code.
function handler(event) {
    var headers = event.request.headers;
    var al = headers['accept-language'];
    var lang = 'en';
    if (al) {
        var first = al.value.split(',')[0].split(';')[0].trim().toLowerCase();
        var code = first.substring(0, 2);
        if (code === 'de' || code === 'fr' || code === 'es') {
            lang = code;
        }
    }
    headers['accept-language'] = { value: lang };
    return event.request;
}
