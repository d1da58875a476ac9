const cases = [
    ['a,b,,c', ','], ['abc', ''], ['', ','], ['', ''], ['a,b,c', ',', 2], ['a b  c', ' '],
    ['x', 'x'], ['a😀b', ''], ['abc', undefined]
];
for (const [s, sep, lim] of cases) console.log(JSON.stringify(s.split(sep, lim)));
