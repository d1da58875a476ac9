// Hides what the origin runs on.
function handler(event) {
    var response = event.response;
    delete response.headers['server'];
    delete response.headers['x-powered-by'];
    delete response.headers['x-aspnet-version'];
    return response;
}
