// §2: return the request, not the whole event.
function handler(event) {
    return event;
}
