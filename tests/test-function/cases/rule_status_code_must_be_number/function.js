// §3: statusCode is an integer, not a string.
function handler(event) {
    return { statusCode: '302', headers: { location: { value: '/' } } };
}
