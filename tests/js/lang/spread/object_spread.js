const base = { a: 1, b: 2 };
const merged = { ...base, b: 3, c: 4 };
console.log(JSON.stringify(merged));
const withNulls = { ...null, ...undefined, ...'hi', ...[9] };
console.log(JSON.stringify(withNulls));
let getterRuns = 0;
const src = { get g() { getterRuns++; return 'got'; } };
const copy = { ...src };
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(copy, 'g')) + ' ' + getterRuns);
