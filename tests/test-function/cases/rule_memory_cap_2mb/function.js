// §8: 2 MB of memory per run; going over ends the run (here: a generated
// page that keeps doubling).
function handler(event) {
    var page = '<p>' + event.request.uri + '</p>';
    while (page.length < 4000000) {
        page += page;
    }
    return { statusCode: 200, body: page };
}
