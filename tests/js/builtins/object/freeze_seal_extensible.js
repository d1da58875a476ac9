const o = { a: 1 };
Object.preventExtensions(o);
console.log([Object.isExtensible(o), Object.isSealed(o), Object.isFrozen(o)].join(','));
Object.seal(o);
console.log([Object.isExtensible(o), Object.isSealed(o), Object.isFrozen(o)].join(','));
Object.freeze(o);
console.log([Object.isExtensible(o), Object.isSealed(o), Object.isFrozen(o)].join(','));
console.log([Object.isFrozen(1), Object.isFrozen({}), Object.isFrozen(Object.preventExtensions({})), Object.freeze(5)].join(','));
