// §4: Set-Cookie attributes must stay on their header line.
function handler(event) {
    return {
        statusCode: 302,
        headers: { location: { value: '/' } },
        cookies: { sid: { value: '1', attributes: 'Path=/\r\nX-Injected: 1' } }
    };
}
