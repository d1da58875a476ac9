// §4: removing a read-only header (Content-Length) fails too.
function handler(event) {
    delete event.request.headers['content-length'];
    return event.request;
}
