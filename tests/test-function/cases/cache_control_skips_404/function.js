// Cache-Control by path: fingerprinted assets are immutable, HTML is not
// cached by browsers.
async function handler(event) {
    const response = event.response;
    const uri = event.request.uri;
    let value;
    if (uri.startsWith('/assets/')) {
        value = 'public, max-age=31536000, immutable';
    } else if (uri.endsWith('.html') || uri.endsWith('/')) {
        value = 'no-cache';
    }
    if (value && response.statusCode === 200) {
        response.headers['cache-control'] = { value };
    }
    return response;
}
