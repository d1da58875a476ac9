// Maintenance page with the 2.0 body shorthand (a plain string is text).
async function handler(event) {
    if (event.request.uri.startsWith('/api/')) {
        return {
            statusCode: 503,
            statusDescription: 'Service Unavailable',
            headers: { 'content-type': { value: 'application/json' } },
            body: JSON.stringify({ error: 'maintenance', retryAfter: 3600 })
        };
    }
    return event.request;
}
