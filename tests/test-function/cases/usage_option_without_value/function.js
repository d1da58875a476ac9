// Any function: the command line is wrong.
function handler(event) {
    return event.request;
}
