// A/B test: viewers with the experiment cookie see their group's pages;
// others are bucketed by the last octet of their IP (stable per viewer).
const GROUP_COOKIE = 'experiment-group';

function handler(event) {
    const request = event.request;
    if (request.uri !== '/' && request.uri !== '/index.html') {
        return request;
    }
    let group;
    const cookie = request.cookies[GROUP_COOKIE];
    if (cookie && (cookie.value === 'A' || cookie.value === 'B')) {
        group = cookie.value;
    } else {
        const octet = parseInt(event.viewer.ip.split('.').pop(), 10);
        group = octet % 2 === 0 ? 'A' : 'B';
        request.cookies[GROUP_COOKIE] = { value: group };
    }
    request.uri = '/experiment/' + group + '/index.html';
    return request;
}
