// exists() and meta() of a KeyValueStore.
import cf from 'cloudfront';

const kvs = cf.kvs();

async function handler(event) {
    const request = event.request;
    const meta = await kvs.meta();
    console.log('keys: ' + meta.keyCount);
    if (await kvs.exists('docs')) {
        request.headers['x-has-docs'] = { value: 'yes' };
    }
    if (!(await kvs.exists('nope'))) {
        request.headers['x-has-nope'] = { value: 'no' };
    }
    return request;
}
