const e = new Error('msg');
console.log([e.name, e.message, String(e), typeof e.stack, e instanceof Error].join(' | '));
const t = new TypeError('bad type');
console.log([t.name, String(t), t instanceof TypeError, t instanceof Error, t.constructor === TypeError].join(' | '));
const empty = new Error();
console.log(JSON.stringify(empty.message) + ' ' + String(empty));
console.log(String(Object.prototype.hasOwnProperty.call(e, 'message')) + ' ' + String(Object.prototype.hasOwnProperty.call(e, 'name')));
