import cf from 'cloudfront';
const kvsId = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
const kvsHandle = cf.kvs(kvsId);

async function handler(event) {
    const request = event.request;
    const pathSegments = request.uri.split('/');
    const key = pathSegments[1];
    try {
        const value = await kvsHandle.get(key, { format: 'string' });
        pathSegments[1] = value;
        request.uri = pathSegments.join('/');
    } catch (err) {
        console.log(`Kvs key lookup failed for ${key}: ${err}`);
    }
    return request;
}
