// §4: the status description goes into the status line.
function handler(event) {
    return { statusCode: 200, statusDescription: 'OK\r\nX-Injected: 1' };
}
