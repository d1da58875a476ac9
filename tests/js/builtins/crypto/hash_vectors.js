// FIPS 180 / RFC 1321 vectors.
const crypto = require('crypto');
for (const alg of ['md5', 'sha1', 'sha256']) {
    console.log(alg + ' "" ' + crypto.createHash(alg).update('').digest('hex'));
    console.log(alg + ' abc ' + crypto.createHash(alg).update('abc').digest('hex'));
}
console.log(crypto.createHash('sha256').update('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq').digest('hex'));
