// §6.1: 1.0 has template literals, arrow functions, rest parameters, **.
function handler(event) {
    var join = (sep, ...parts) => parts.join(sep);
    var r = event.request;
    r.headers['x-v1'] = { value: `${join('-', 'a', 'b', 'c')} ${2 ** 10}` };
    return r;
}
