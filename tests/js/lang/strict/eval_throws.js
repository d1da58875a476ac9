// brink-only
// CloudFront: eval() throws. Which Error subtype is engine-specific (see
// docs/compat.md), so only "it threw an Error" is checked.
try {
    eval('1 + 1');
    console.log('eval ran');
} catch (e) {
    console.log('eval threw ' + (e instanceof Error));
}
