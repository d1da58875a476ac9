// An async handler whose promise rejects, observed through catch.
async function handler(event) {
    if (!event.request.headers.host) throw new TypeError('missing host');
    return event.request;
}
handler({ request: { headers: {} } }).then(
    () => console.log('resolved'),
    (e) => console.log('rejected: ' + e.name + ' ' + e.message));
