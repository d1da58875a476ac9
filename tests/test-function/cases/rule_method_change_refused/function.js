// §3/§4: request.method is read-only.
function handler(event) {
    event.request.method = 'POST';
    return event.request;
}
