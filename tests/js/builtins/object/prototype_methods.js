const o = { own: 1 };
console.log([o.hasOwnProperty('own'), o.hasOwnProperty('toString'), Object.prototype.isPrototypeOf(o),
    o.propertyIsEnumerable('own'), [].propertyIsEnumerable('length')].join(','));
console.log([Object.prototype.toString.call(null), Object.prototype.toString.call(undefined), Object.prototype.toString.call([]),
    Object.prototype.toString.call(1), Object.prototype.toString.call(''), Object.prototype.toString.call(new Date(0)),
    Object.prototype.toString.call(/x/), Object.prototype.toString.call(function () {}), String({})].join(' '));
console.log(String(o.valueOf() === o));
