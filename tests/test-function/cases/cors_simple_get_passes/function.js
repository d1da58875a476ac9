// Answers CORS preflight requests at the edge for the allowed origins.
const allowed = ['https://app.example.com', 'https://admin.example.com'];

function handler(event) {
    const request = event.request;
    const origin = request.headers.origin;
    if (request.method !== 'OPTIONS' || !origin) {
        return request;
    }
    if (!allowed.includes(origin.value)) {
        return { statusCode: 403, statusDescription: 'Forbidden' };
    }
    const asked = request.headers['access-control-request-headers'];
    return {
        statusCode: 204,
        statusDescription: 'No Content',
        headers: {
            'access-control-allow-origin': { value: origin.value },
            'access-control-allow-methods': { value: 'GET, HEAD, POST, PUT, DELETE, OPTIONS' },
            'access-control-allow-headers': { value: asked ? asked.value : 'content-type' },
            'access-control-max-age': { value: '86400' },
            vary: { value: 'Origin' }
        }
    };
}
