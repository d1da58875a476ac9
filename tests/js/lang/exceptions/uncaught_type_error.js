console.log('start');
const o = null;
o.property;
