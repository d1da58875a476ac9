// §3.2: encodings other than text and base64 are invalid.
function handler(event) {
    return { statusCode: 200, body: { encoding: 'gzip', data: 'H4sI' } };
}
