// Short links from a KeyValueStore: /go/<name> redirects to the stored URL.
import cf from 'cloudfront';

const kvs = cf.kvs();

async function handler(event) {
    const request = event.request;
    if (!request.uri.startsWith('/go/')) {
        return request;
    }
    const name = request.uri.substring(4);
    try {
        const target = await kvs.get(name);
        return {
            statusCode: 302,
            statusDescription: 'Found',
            headers: { location: { value: target } }
        };
    } catch (err) {
        console.log('no short link ' + name);
        request.uri = '/404.html';
        return request;
    }
}
