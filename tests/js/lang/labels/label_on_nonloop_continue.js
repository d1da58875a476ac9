// brink-only
// `continue` may only target a loop label: SyntaxError at load time.
// The error is found while parsing, so nothing is printed.
console.log('not printed');
lbl: { for (;;) { continue lbl; } }
