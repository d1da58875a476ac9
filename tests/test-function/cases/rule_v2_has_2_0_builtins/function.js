// §6.2: atob, btoa, String.prototype.replaceAll and Symbol are 2.0+.
function handler(event) {
    var seen = [typeof atob, typeof btoa, typeof ''.replaceAll, typeof Symbol];
    event.request.headers['x-builtins'] = { value: seen.join(',') };
    return event.request;
}
