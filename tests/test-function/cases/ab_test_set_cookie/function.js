// A/B test, viewer-response half: remembers the group the request half
// picked (x-experiment-group from the origin) in a cookie for 30 days.
async function handler(event) {
    const response = event.response;
    const group = response.headers['x-experiment-group'];
    if (group && !event.request.cookies['experiment-group']) {
        response.cookies['experiment-group'] = {
            value: group.value,
            attributes: 'Path=/; Max-Age=2592000; Secure; SameSite=Lax'
        };
    }
    delete response.headers['x-experiment-group'];
    return response;
}
