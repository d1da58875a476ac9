// runtime: cloudfront-js-1.0
// brink-only
// 1.0 byte-string methods (CloudFront runtime 1.0 docs; bytesFrom is static,
// as in njs): bytesFrom decodes hex/base64 into a byte string (one char per
// byte), toBytes/fromBytes convert, toUTF8/fromUTF8 encode and decode UTF-8
// (null when malformed or when a char is above 255).
var b = String.bytesFrom('48656c6c6f', 'hex');
console.log(b + ' ' + b.length);
var b64 = String.bytesFrom('SGk=', 'base64');
console.log(b64);
var arr = String.bytesFrom([0x41, 0x42]);
console.log(arr);
var u = 'é'.toUTF8();
console.log(String(u.length) + ' ' + u.charCodeAt(0) + ' ' + u.charCodeAt(1));
console.log(u.fromUTF8());
console.log(String('\xff\xfe'.fromUTF8()));
console.log(String('€'.toBytes()));
console.log('abc'.toBytes(1));
