// §6.1: const is not part of cloudfront-js-1.0.
function handler(event) {
    const request = event.request;
    return request;
}
