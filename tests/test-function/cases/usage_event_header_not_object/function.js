// A function whose KeyValueStore file is checked when it is loaded.
function handler(event) {
    return event.request;
}
