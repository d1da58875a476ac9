// §3.1: changing only value replaces the first occurrence; later ones stay.
function handler(event) {
    var request = event.request;
    request.querystring.tag.value = 'first-changed';
    request.headers['x-forwarded-for'].value = '192.0.2.1';
    request.cookies.pref.value = 'light';
    return request;
}
