console.log([Object.is(1, 1), Object.is(NaN, 0 / 0), Object.is(0, -0), Object.is('a', 'a'), Object.is({}, {}), Object.is(-0, -0)].join(','));
const entries = Object.entries({ x: 1, y: 2 }).map(([k, v]) => [k.toUpperCase(), v * 2]);
const back = {};
entries.forEach(([k, v]) => { back[k] = v; });
console.log(JSON.stringify(back));
