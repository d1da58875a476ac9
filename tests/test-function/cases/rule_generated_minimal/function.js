// §3.2: statusCode alone is a valid generated response.
function handler(event) {
    return { statusCode: 204 };
}
