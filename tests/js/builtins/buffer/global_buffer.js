// brink-only
// Buffer is also reachable as a global in 2.0 (CloudFront docs call it the
// "Buffer module"; brink offers both require('buffer') and the global).
console.log(typeof Buffer + ' ' + String(Buffer === require('buffer').Buffer));
console.log(Buffer.from('x').toString('hex'));
