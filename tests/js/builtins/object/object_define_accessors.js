// defineProperty validation on accessors, array indexes and arguments.
const o = {};
const g1 = () => 1, g2 = () => 2;
Object.defineProperty(o, 'p', { get: g1, configurable: false });
for (const d of [{ get: g2 }, { set: g2 }, { value: 1 }, { enumerable: true }, { configurable: true }, { get: g1 }, {}]) {
    try { Object.defineProperty(o, 'p', d); console.log('ok ' + Object.keys(d)); }
    catch (e) { console.log(e.name + ' ' + Object.keys(d)); }
}
Object.defineProperty(o, 'q', { get: undefined, set: undefined, configurable: false });
try { Object.defineProperty(o, 'q', { get: g1 }); } catch (e) { console.log('q ' + e.name); }

// Data <-> accessor conversion keeps the other attributes.
const p = {};
Object.defineProperty(p, 'x', { value: 1, enumerable: true, configurable: true });
Object.defineProperty(p, 'x', { get: g2 });
let d = Object.getOwnPropertyDescriptor(p, 'x');
console.log(d.enumerable + ' ' + d.configurable + ' ' + (d.get === g2) + ' ' + ('value' in d));
Object.defineProperty(p, 'x', { value: 5 });
d = Object.getOwnPropertyDescriptor(p, 'x');
console.log(d.enumerable + ' ' + d.configurable + ' ' + d.writable + ' ' + d.value);

// Array index accessors and attributes.
const arr = [1, 2];
Object.defineProperty(arr, '0', { set(v) { this.seen = v; }, enumerable: true, configurable: true });
arr[0] = 'via setter';
console.log(arr.seen + ' ' + arr[0] + ' ' + arr.length);
Object.defineProperty(arr, '1', { writable: false });
try { arr[1] = 9; } catch (e) { console.log(e.name + ' ' + arr[1]); }
Object.defineProperty(arr, '1', { value: 3 }) === arr || console.log('?');
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(arr, '1')));
try { Object.defineProperty(Object.preventExtensions([1]), '1', { value: 2 }); } catch (e) { console.log('ext ' + e.name); }

// Descriptor fields are read in order; both kinds at once is an error.
const order = [];
const spy = {};
for (const k of ['enumerable', 'configurable', 'value', 'writable', 'get', 'set'])
    Object.defineProperty(spy, k, { get() { order.push(k); return undefined; }, enumerable: true });
try { Object.defineProperty({}, 'z', spy); } catch (e) { console.log(e.name); }
console.log(order.join(','));
try { Object.defineProperty({}, 'z', { get: 5 }); } catch (e) { console.log(e.name); }

// defineProperties reads every descriptor before defining any.
const t = {};
try {
    Object.defineProperties(t, { a: { value: 1 }, b: { get: 'no' } });
} catch (e) { console.log(e.name + ' ' + ('a' in t)); }

// Sloppy-free arguments object: non-configurable accessor index.
(function () {
    Object.defineProperty(arguments, '0', { get: g1, configurable: false });
    try { Object.defineProperty(arguments, '0', { get: g2 }); } catch (e) { console.log('arguments ' + e.name + ' ' + arguments[0]); }
})(0, 1);
