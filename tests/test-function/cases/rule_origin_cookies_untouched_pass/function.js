// Cookies as the origin sent them pass even when the function adds one.
function handler(event) {
    event.response.cookies.added = { value: 'yes', attributes: 'Path=/' };
    return event.response;
}
