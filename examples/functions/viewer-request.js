// The demo's viewer-request function (CloudFront Functions, runtime 2.0):
// pretty URLs get index.html, and /old/... is redirected to /new/...
async function handler(event) {
    const request = event.request;
    const uri = request.uri;

    if (uri.startsWith('/old/')) {
        return {
            statusCode: 301,
            statusDescription: 'Moved Permanently',
            headers: { location: { value: uri.replace('/old/', '/new/') } },
        };
    }
    if (uri.endsWith('/')) {
        request.uri += 'index.html';
    } else if (!uri.includes('.')) {
        request.uri += '/index.html';
    }
    request.headers['x-demo-rewritten'] = { value: String(uri !== request.uri) };
    return request;
}
