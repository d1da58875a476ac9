console.log(String(Date.UTC(2020, 0, 1)));
console.log(new Date(Date.UTC(2020, 0, 32)).toISOString());
console.log(new Date(Date.UTC(2020, 12, 1)).toISOString());
console.log(new Date(Date.UTC(2019, 1, 29)).toISOString());
console.log(new Date(Date.UTC(99, 0)).toISOString());
console.log(new Date(Date.UTC(2020, 0, 1, 25, 61, 61, 1001)).toISOString());
console.log(String(Date.UTC(2020, 0, 1, NaN)));
