// Every cookie the origin sets gets Secure and SameSite=Lax.
function handler(event) {
    var cookies = event.response.cookies;
    Object.keys(cookies).forEach(function (name) {
        var c = cookies[name];
        var attrs = c.attributes || '';
        if (attrs.indexOf('Secure') === -1) {
            attrs += (attrs ? '; ' : '') + 'Secure';
        }
        if (attrs.indexOf('SameSite') === -1) {
            attrs += '; SameSite=Lax';
        }
        c.attributes = attrs;
    });
    return event.response;
}
