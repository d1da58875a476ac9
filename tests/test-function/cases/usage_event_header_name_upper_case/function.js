// Any function: the event file is refused before it runs.
function handler(event) {
    return event.request;
}
