// §6.2: Math.random() is seeded per run; values stay in [0, 1).
function handler(event) {
    var ok = true;
    for (var i = 0; i < 1000; i++) {
        var r = Math.random();
        if (!(r >= 0 && r < 1)) {
            ok = false;
        }
    }
    event.request.headers['x-random-ok'] = { value: String(ok) };
    return event.request;
}
