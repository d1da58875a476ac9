// §3.1: a field deleted from the map is gone, all its occurrences.
function handler(event) {
    delete event.request.querystring.tag;
    delete event.request.cookies.c;
    return event.request;
}
