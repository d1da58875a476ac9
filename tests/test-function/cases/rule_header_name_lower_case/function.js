// §3.1: header names must be lower case when added.
function handler(event) {
    event.request.headers['X-Custom'] = { value: '1' };
    return event.request;
}
