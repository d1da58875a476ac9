// §3.2: body {encoding: 'text'}.
function handler(event) {
    return {
        statusCode: 200,
        statusDescription: 'OK',
        headers: { 'content-type': { value: 'text/plain; charset=utf-8' } },
        body: { encoding: 'text', data: 'héllo wörld ✓' }
    };
}
