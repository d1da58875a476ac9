// brink-only
// `continue` may only target a loop label: SyntaxError at load time.
console.log('not printed');
lbl: { for (;;) { continue lbl; } }
