const a = 1, b = { c: [2] };
const s = `outer ${`inner ${`deepest ${a + b.c[0]}`} ${a ? `yes` : `no`}`} end`;
const t = String.raw`\u{41} \unicode ${a}`;
const m = `multi
line\
continued ${'}'} \${not} $ {}`;
function tag(strings, ...vals) { return strings.raw.join('|') + vals.length; }
tag`a${1}b${2}c`;
