// §4: the character rules apply to what the function creates or updates;
// a hand-made test event's parameter left alone is not the function's fault.
function handler(event) {
    event.request.querystring.page = { value: '2' };
    return event.request;
}
