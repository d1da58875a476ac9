// brink-only
// Runtime 2.0 accepts `import crypto from 'crypto'` (AWS samples use it).
import crypto from 'crypto';
console.log(crypto.createHash('sha1').update('abc').digest('hex'));
