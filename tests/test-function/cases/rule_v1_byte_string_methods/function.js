// §6.2: the byte-string methods exist in 1.0 only (removed in 2.0).
function handler(event) {
    var seen = [typeof String.bytesFrom, typeof ''.fromBytes, typeof ''.fromUTF8,
                typeof ''.toBytes, typeof ''.toUTF8];
    event.request.headers['x-byte-strings'] = { value: seen.join(',') };
    return event.request;
}
