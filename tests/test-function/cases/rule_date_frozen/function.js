// §6.2: every "current time" query returns the start time of the run.
function handler(event) {
    var first = Date.now();
    var spin = 0;
    for (var i = 0; i < 5000; i++) {
        spin += i;
    }
    var same = first === Date.now() && first === new Date().getTime();
    event.request.headers['x-frozen'] = { value: String(same) };
    return event.request;
}
