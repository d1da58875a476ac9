// §3: test events may omit distributionDomainName, distributionId and
// requestId; the function sees only what the event has.
function handler(event) {
    console.log(JSON.stringify(event.context));
    return event.request;
}
