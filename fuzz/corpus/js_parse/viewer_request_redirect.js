function handler(event) {
    var request = event.request;
    var headers = request.headers;
    var host = headers.host && headers.host.value;
    if (host === 'example.com') {
        return {
            statusCode: 301,
            statusDescription: 'Moved Permanently',
            headers: { location: { value: 'https://www.example.com' + request.uri } }
        };
    }
    if (request.uri.endsWith('/')) {
        request.uri += 'index.html';
    } else if (!request.uri.includes('.')) {
        request.uri += '/index.html';
    }
    return request;
}
