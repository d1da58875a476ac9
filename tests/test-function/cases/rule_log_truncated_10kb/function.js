// §8: console.log output is kept up to 10 KB (10,240 bytes) per run.
function handler(event) {
    var line = '';
    for (var i = 0; i < 100; i++) {
        line += '0123456789';
    }
    for (var n = 0; n < 12; n++) {
        console.log(line);
    }
    return event.request;
}
