const e = new Error('outer', { cause: 'inner reason' });
console.log(e.message + ' / ' + String(e.cause));
const e2 = new Error('no cause');
console.log(String('cause' in e2));
