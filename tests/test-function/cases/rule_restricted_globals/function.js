// §6.4: no timers, no process, no file system.
function handler(event) {
    var seen = [typeof setTimeout, typeof setInterval, typeof setImmediate,
                typeof clearTimeout, typeof process, typeof XMLHttpRequest, typeof fetch];
    var fs;
    try {
        require('fs');
        fs = 'loaded';
    } catch (e) {
        fs = e.name;
    }
    event.request.headers['x-restricted'] = { value: seen.join(',') + ' fs:' + fs };
    return event.request;
}
