// §4: cookie names are tokens (no spaces).
function handler(event) {
    event.response.cookies['my cookie'] = { value: '1' };
    return event.response;
}
