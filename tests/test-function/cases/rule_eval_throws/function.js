// §6.4: eval() throws.
function handler(event) {
    return eval('event.request');
}
