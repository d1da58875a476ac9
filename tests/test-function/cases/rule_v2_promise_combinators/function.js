// §6.2: Promise.all, allSettled, any and race are 2.0+.
function handler(event) {
    var seen = [typeof Promise.all, typeof Promise.allSettled, typeof Promise.any, typeof Promise.race];
    event.request.headers['x-combinators'] = { value: seen.join(',') };
    return event.request;
}
