// A CloudFront 2.0 handler may be async: the job queue drains before the end.
async function handler(event) {
    const req = event.request;
    const v = await Promise.resolve(req.uri.toUpperCase());
    req.headers['x-up'] = { value: v };
    return req;
}
handler({ request: { uri: '/abc', headers: {} } }).then(r => console.log(JSON.stringify(r)));
