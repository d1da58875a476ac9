const text = '{"a":1,"b":{"c":2,"d":[3,4]},"e":"drop"}';
const log = [];
const r = JSON.parse(text, function (k, v) {
    log.push(k);
    if (k === 'e') return undefined;
    if (typeof v === 'number') return v * 100;
    return v;
});
console.log(JSON.stringify(r));
console.log(log.join(','));
const d = JSON.parse('{"when":"2020-01-01T00:00:00.000Z"}', (k, v) => (k === 'when' ? new Date(v).getTime() : v));
console.log(String(d.when));
