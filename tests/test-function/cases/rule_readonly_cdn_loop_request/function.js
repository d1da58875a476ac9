// §4: CDN-Loop is read-only in viewer-request.
function handler(event) {
    event.request.headers['cdn-loop'].value = 'edge; x=1';
    return event.request;
}
