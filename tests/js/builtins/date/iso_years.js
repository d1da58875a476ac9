// toISOString uses the extended-year form (+YYYYYY / -YYYYYY) outside
// 0000-9999.
console.log(new Date(Date.UTC(-1, 0, 1)).toISOString());
console.log(new Date(Date.UTC(10000, 0, 1)).toISOString());
console.log(new Date(-62198755200000).toISOString());
console.log(new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)).toISOString());
