// §8: 2 MB of memory per run; going over ends the run.
function handler(event) {
    var chunks = [];
    for (var i = 0; i < 100000; i++) {
        chunks.push('chunk number ' + i + ' of a response nobody will see');
    }
    event.request.headers['x-n'] = { value: String(chunks.length) };
    return event.request;
}
