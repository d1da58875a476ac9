// Runs one differential test script under node the way `brink js` runs it:
// as a global script in strict mode, console.log printing its arguments
// converted with String() and joined by a space, and an uncaught exception
// printed as `Name: message` on the first line of stderr with exit code 1.
// Used by tests/js/gen-expected (and by tests/test262/node-brink to check
// the test262 runner). Not part of brink.
'use strict';
const fs = require('fs');
const vm = require('vm');

const file = process.argv[process.argv.length - 1];
let src;
try {
    src = fs.readFileSync(file, 'utf8');
} catch (e) {
    process.stderr.write('cannot read ' + file + '\n');
    process.exit(2);
}

// Synchronous writes so that output is never lost when we exit early.
console.log = function (...args) {
    fs.writeSync(1, args.map((a) => String(a)).join(' ') + '\n');
};
// CloudFront exposes require() for crypto, querystring, buffer (and
// cloudfront, which node lacks: those tests are brink-only).
globalThis.require = require;
// node 20 has a getter-only global `crypto` (WebCrypto): a top-level
// `var crypto = require('crypto')`, the usual CloudFront code, would throw.
delete globalThis.crypto;

let failed = false;
function fail(e) {
    if (failed) return;
    failed = true;
    let line;
    if (e !== null && typeof e === 'object' && 'name' in e) {
        line = String(e.name) + ': ' + String(e.message);
    } else {
        line = 'Error: uncaught ' + String(e);
    }
    fs.writeSync(2, line + '\n');
    process.exit(1);
}
process.on('uncaughtException', fail);
if (!process.env.BRINK_SHIM_IGNORE_UNHANDLED) {
    process.on('unhandledRejection', fail);
} else {
    process.on('unhandledRejection', () => {});
}

try {
    // Prefixing the directive on line 1 keeps line numbers unchanged.
    const script = new vm.Script('"use strict";' + src, { filename: file });
    script.runInThisContext();
} catch (e) {
    fail(e);
}
