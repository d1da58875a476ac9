// §6.3: the cloudfront module in 2.0 (logCustomData, edgeLocation).
var cf = require('cloudfront');

function handler(event) {
    cf.logCustomData('path=' + event.request.uri);
    event.request.headers['x-cf'] = { value: typeof cf.logCustomData + ' ' + typeof cf.edgeLocation };
    return event.request;
}
