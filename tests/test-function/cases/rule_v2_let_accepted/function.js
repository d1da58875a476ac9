// §6.1: let is part of cloudfront-js-2.0.
function handler(event) {
    let request = event.request;
    return request;
}
