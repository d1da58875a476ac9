const base = { hello() { return 'base hello'; } };
const derived = {
    __proto__: base,
    hello() { return 'derived > ' + super.hello(); }
};
console.log(derived.hello());
console.log(String(Object.getPrototypeOf(derived) === base));
