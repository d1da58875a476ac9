// §4: a cookie value must stay on the Cookie header line.
function handler(event) {
    event.request.cookies.session = { value: 'x\r\nX-Injected: 1' };
    return event.request;
}
