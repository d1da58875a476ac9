// Image format negotiation: serve .webp when the browser accepts it.
function handler(event) {
    const request = event.request;
    const accept = request.headers.accept ? request.headers.accept.value : '';
    if (request.uri.endsWith('.jpg') && accept.includes('image/webp')) {
        request.uri = request.uri.slice(0, -4) + '.webp';
        request.headers['x-format'] = { value: 'webp' };
    }
    return request;
}
