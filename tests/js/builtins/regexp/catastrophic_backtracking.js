// brink-only
// A catastrophic pattern must end (PCRE2 match limit or compute budget),
// never hang: either the match completes (no match) or an Error is thrown.
const re = /^(a+)+$/;
const s = 'a'.repeat(40) + 'b';
let outcome;
try {
    outcome = re.test(s) ? 'matched?!' : 'ended';
} catch (e) {
    outcome = e instanceof Error ? 'ended' : 'odd throw';
}
console.log(outcome);
