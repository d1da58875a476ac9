// Lower-cases the values of the parameters that are case-insensitive for
// the origin, so /shop?color=Red and ?color=red share one cache entry.
var insensitive = ['color', 'size', 'sort'];

function handler(event) {
    var qs = event.request.querystring;
    insensitive.forEach(function (name) {
        var p = qs[name];
        if (!p) {
            return;
        }
        if (p.multiValue) {
            p.multiValue.forEach(function (v) { v.value = v.value.toLowerCase(); });
        } else {
            p.value = p.value.toLowerCase();
        }
    });
    return event.request;
}
