// §4: disallowed headers are refused in generated responses too.
function handler(event) {
    return { statusCode: 200, headers: { 'x-cache': { value: 'Hit from cloudfront' } } };
}
