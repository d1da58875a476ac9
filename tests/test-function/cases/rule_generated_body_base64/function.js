// §3.2: a generated response with a base64 body (bytes that are not UTF-8).
function handler(event) {
    return {
        statusCode: 200,
        statusDescription: 'OK',
        headers: { 'content-type': { value: 'image/gif' } },
        body: { encoding: 'base64', data: 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==' }
    };
}
