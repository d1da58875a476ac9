// Any function: the event file starts with a UTF-8 byte order mark.
function handler(event) {
    return event.request;
}
