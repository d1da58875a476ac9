// §3: the event a viewer-request function receives.
function handler(event) {
    console.log(JSON.stringify(event));
    console.log(Object.keys(event).join(','));
    console.log(typeof event.request.rawQueryString);
    return event.request;
}
