// Feature flags as JSON in a KeyValueStore, passed to the origin as headers.
import cf from 'cloudfront';

const kvs = cf.kvs();

async function handler(event) {
    const request = event.request;
    const config = await kvs.get('config', { format: 'json' });
    if (config.maintenance) {
        return { statusCode: 503, statusDescription: 'Service Unavailable' };
    }
    request.headers['x-banner'] = { value: config.banner };
    request.headers['x-config-version'] = { value: String(config.version) };
    return request;
}
