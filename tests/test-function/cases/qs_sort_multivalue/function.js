// Multi-valued parameters sorted too (?tag=b&tag=a == ?tag=a&tag=b).
function handler(event) {
    const qs = event.request.querystring;
    for (const name in qs) {
        const p = qs[name];
        if (p.multiValue) {
            p.multiValue = p.multiValue.slice().sort((x, y) => (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
        }
    }
    return event.request;
}
