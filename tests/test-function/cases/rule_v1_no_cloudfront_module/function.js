// §6: the cloudfront module needs runtime 2.0.
var cf = require('cloudfront');

function handler(event) {
    return event.request;
}
