// §3: the event a viewer-response function receives.
function handler(event) {
    console.log(JSON.stringify(event));
    return event.response;
}
