// §6.1: import declarations are 2.0 only.
import cf from 'cloudfront';

function handler(event) {
    return event.request;
}
