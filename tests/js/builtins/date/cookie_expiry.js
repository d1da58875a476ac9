// Building an Expires attribute from a fixed timestamp, as edge code does.
const now = Date.UTC(2024, 2, 10, 12, 0, 0);
const expires = new Date(now + 7 * 24 * 3600 * 1000);
console.log('session=abc; Expires=' + expires.toUTCString() + '; Path=/');
console.log(String(Math.floor(expires.getTime() / 1000)));
