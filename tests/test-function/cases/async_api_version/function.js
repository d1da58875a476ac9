// async/await (2.0): the handler awaits a helper that picks the origin
// path for a versioned API.
async function pickVersion(request) {
    const accept = request.headers['accept'];
    if (accept && accept.value.includes('application/vnd.example.v2+json')) {
        return 'v2';
    }
    return 'v1';
}

async function handler(event) {
    const request = event.request;
    const version = await pickVersion(request);
    request.uri = '/' + version + request.uri;
    request.headers['x-api-version'] = { value: version };
    console.log(`routed ${event.request.method} to ${request.uri}`);
    return request;
}
