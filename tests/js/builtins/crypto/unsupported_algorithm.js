const crypto = require('crypto');
try {
    crypto.createHash('sha3-999');
    console.log('created');
} catch (e) {
    console.log('threw ' + (e instanceof Error));
}
