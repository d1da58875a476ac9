// §3.1: changing a response cookie's value alone keeps its attributes.
function handler(event) {
    event.response.cookies.session.value = 'rotated';
    return event.response;
}
