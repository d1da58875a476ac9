var querystring = require('querystring');
function handler(event) {
    var qs = event.request.querystring;
    var keys = Object.keys(qs).sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
    var out = {};
    for (var i = 0; i < keys.length; i++) {
        var k = keys[i].toLowerCase();
        if (qs[keys[i]].multiValue) {
            out[k] = { value: qs[keys[i]].multiValue.map(function (v) { return v.value; }).join(',') };
        } else {
            out[k] = qs[keys[i]];
        }
    }
    event.request.querystring = out;
    return event.request;
}
