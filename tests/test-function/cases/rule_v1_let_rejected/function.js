// §6.1: let is not part of cloudfront-js-1.0.
function handler(event) {
    let request = event.request;
    return request;
}
