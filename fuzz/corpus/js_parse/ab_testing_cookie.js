function handler(event) {
    var request = event.request;
    var cookies = request.cookies || {};
    var group;
    if (cookies.group && (cookies.group.value === 'A' || cookies.group.value === 'B')) {
        group = cookies.group.value;
    } else {
        group = Math.random() < 0.5 ? 'A' : 'B';
        request.cookies.group = { value: group };
    }
    request.uri = (group === 'B' ? '/experiment' : '') + request.uri;
    return request;
}
