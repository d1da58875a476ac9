// §2: the entry point is a top-level function named handler.
function main(event) {
    return event.request;
}
