// runtime: cloudfront-js-1.0
// brink-only
// Symbol, TextEncoder/TextDecoder, atob/btoa, DataView and the Buffer
// module are 2.0 additions (reference §6.2).
console.log([typeof Symbol, typeof TextEncoder, typeof TextDecoder, typeof atob, typeof btoa, typeof DataView].join(','));
