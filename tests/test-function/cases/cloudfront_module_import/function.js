// edgeLocation and logCustomData from the cloudfront module (2.0).
import cf from 'cloudfront';

function handler(event) {
    cf.logCustomData('uri=' + event.request.uri);
    event.request.headers['x-edge'] = { value: typeof cf.edgeLocation };
    return event.request;
}
