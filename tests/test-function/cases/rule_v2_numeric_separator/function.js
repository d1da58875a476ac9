// §6.1: numeric separators are 2.0 only.
function handler(event) {
    var limit = 1_000_000;
    event.request.headers['x-limit'] = { value: String(limit) };
    return event.request;
}
