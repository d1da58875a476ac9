// §3.2: invalid base64 data is an error.
function handler(event) {
    return { statusCode: 200, body: { encoding: 'base64', data: 'not*base64!' } };
}
