// §3.1: a changed multiValue wins; the value next to it is ignored.
function handler(event) {
    var request = event.request;
    var tag = request.querystring.tag;
    tag.value = 'ignored';
    tag.multiValue = [{ value: 'x' }, { value: 'y' }];
    var accept = request.headers['accept-encoding'];
    accept.value = 'ignored-too';
    accept.multiValue = [{ value: 'br' }];
    return request;
}
