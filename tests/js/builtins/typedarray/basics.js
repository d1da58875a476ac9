const u8 = new Uint8Array([1, 2, 300, -1]);
console.log(Array.from(u8).join(',') + ' ' + u8.length + ' ' + u8.byteLength + ' ' + u8.BYTES_PER_ELEMENT);
const i8 = new Int8Array([127, 128, 255, -129]);
const c8 = new Uint8ClampedArray([300, -5, 1.5, 2.5, 254.5]);
console.log(Array.from(i8).join(',') + ' ' + Array.from(c8).join(','));
const i16 = new Int16Array([40000, -40000]), u16 = new Uint16Array([-1]), i32 = new Int32Array([2 ** 31]), u32 = new Uint32Array([-1]);
console.log([i16[0], i16[1], u16[0], i32[0], u32[0]].join(','));
const f32 = new Float32Array([0.1, 1e40]), f64 = new Float64Array([0.1]);
console.log([f32[0], f32[1], f64[0]].map(String).join(','));
