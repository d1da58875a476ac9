// §3.1: an untouched multiValue field comes back as it was.
function handler(event) {
    event.request.headers['x-seen'] = { value: 'yes' };
    return event.request;
}
