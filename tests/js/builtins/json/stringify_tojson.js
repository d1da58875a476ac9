const o = {
    d: new Date(Date.UTC(2020, 0, 1)),
    custom: { toJSON(key) { return 'custom@' + key; } },
    nested: [{ toJSON() { return undefined; } }]
};
console.log(JSON.stringify(o));
console.log(JSON.stringify({ toJSON() { return { replaced: 1 }; } }));
