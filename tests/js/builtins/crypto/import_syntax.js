// brink-only
// Runtime 2.0 accepts `import crypto from 'crypto'` (AWS samples use it).
// The default import is the same module object require() returns.
import crypto from 'crypto';
console.log(crypto.createHash('sha1').update('abc').digest('hex'));
