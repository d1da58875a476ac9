// §3.2: body as a plain string is text.
function handler(event) {
    return { statusCode: 404, statusDescription: 'Not Found', body: 'nothing here' };
}
