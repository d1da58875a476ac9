// §4: values are UTF-8; changed ones go out as UTF-8.
function handler(event) {
    var r = event.request;
    r.headers['x-city'] = { value: r.headers['x-city'].value + ' (' + 'Zürich' + ')' };
    r.cookies.name = { value: 'Ünïcødé' };
    return r;
}
