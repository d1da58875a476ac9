// runtime 1.0 with var: passes the viewer's address to the origin
// (the AWS "add True-Client-IP header" sample).
function handler(event) {
    var request = event.request;
    var clientIP = event.viewer.ip;
    request.headers['true-client-ip'] = {value: clientIP};
    return request;
}
