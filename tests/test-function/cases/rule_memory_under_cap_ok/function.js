// §8: a run that stays well under 2 MB is fine.
function handler(event) {
    var parts = [];
    for (var i = 0; i < 1000; i++) {
        parts.push(i);
    }
    event.request.headers['x-n'] = { value: String(parts.length) };
    return event.request;
}
