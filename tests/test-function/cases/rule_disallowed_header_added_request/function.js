// §4: adding a disallowed header (X-Forwarded-Proto) fails validation.
function handler(event) {
    event.request.headers['x-forwarded-proto'] = { value: 'https' };
    return event.request;
}
