const e = new Error('m');
e.name = 'Custom';
console.log(String(e));
e.message = '';
console.log(String(e));
e.name = '';
e.message = 'only message';
console.log(String(e));
console.log(Error.prototype.toString.call({ name: 'N', message: 'M' }));
