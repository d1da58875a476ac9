// §4: read-only headers left as they are pass validation.
function handler(event) {
    var h = event.request.headers;
    h['x-host-seen'] = { value: h.host.value + ' ' + h['content-length'].value };
    return event.request;
}
