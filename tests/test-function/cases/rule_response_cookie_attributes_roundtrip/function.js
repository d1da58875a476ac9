// §3.1: response cookies keep their attributes, also in multiValue, when
// the function leaves them alone; a new cookie carries its own.
function handler(event) {
    var response = event.response;
    response.cookies.lang = { value: 'de', attributes: 'Path=/; Max-Age=86400' };
    return response;
}
