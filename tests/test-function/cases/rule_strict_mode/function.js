// §2: strict mode is always on: assigning an undeclared name throws.
function handler(event) {
    counter = 1;
    return event.request;
}
