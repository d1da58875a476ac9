// Request logging: several console.log lines in one run.
function handler(event) {
    var r = event.request;
    console.log('request ' + event.context.requestId);
    console.log(r.method + ' ' + r.uri + ' from ' + event.viewer.ip);
    console.log('user-agent: ' + r.headers['user-agent'].value);
    console.log('query: ' + JSON.stringify(r.querystring));
    return r;
}
