// §4: and in viewer-response (an X-Amz-Cf-* prefix).
function handler(event) {
    event.response.headers['x-amz-cf-pop'] = { value: 'FRA56-P1' };
    return event.response;
}
