// brink-only
// The 1.0 byte-string methods are removed in 2.0.
console.log([
    typeof String.bytesFrom,
    typeof ''.toBytes,
    typeof ''.fromBytes,
    typeof ''.toUTF8,
    typeof ''.fromUTF8
].join(','));
