// Array length through defineProperty and assignment (ArraySetLength).
const a = [0, 1, 2, 3, 4];
Object.defineProperty(a, '2', { value: 'fixed', configurable: false });
try { a.length = 1; } catch (e) { console.log(e.name + ' ' + a.length + ' ' + JSON.stringify(a)); }
try { Object.defineProperty(a, 'length', { value: 0 }); } catch (e) { console.log(e.name + ' ' + a.length); }

// RangeError comes before the attribute checks.
for (const d of [{ value: -1, configurable: true }, { value: 1.5, enumerable: true }, { value: 2 ** 32 }]) {
    try { Object.defineProperty([], 'length', d); console.log('ok'); } catch (e) { console.log(e.name); }
}
try { Object.defineProperty([], 'length', { value: 0, configurable: true }); } catch (e) { console.log(e.name); }
try { Object.defineProperty([], 'length', { get() { return 0; } }); } catch (e) { console.log(e.name); }

// The value is converted twice (ToUint32 then ToNumber).
let calls = 0;
const b = [1, 2, 3];
Object.defineProperty(b, 'length', { value: { valueOf() { calls++; return 1; } } });
console.log(calls + ' ' + b.length);
calls = 0;
b.length = { valueOf() { calls++; return 0; } };
console.log(calls + ' ' + b.length);

// writable: false freezes the length; later redefinitions must agree.
const c = [1, 2, 3];
Object.defineProperty(c, 'length', { value: 2, writable: false });
console.log(c.length + ' ' + JSON.stringify(Object.getOwnPropertyDescriptor(c, 'length')));
try { c[5] = 1; } catch (e) { console.log('write past ' + e.name); }
try { Object.defineProperty(c, '3', { value: 1 }); } catch (e) { console.log('define past ' + e.name); }
try { Object.defineProperty(c, 'length', { value: 3 }); } catch (e) { console.log('grow ' + e.name); }
Object.defineProperty(c, 'length', { value: 2 });
try { Object.defineProperty(c, 'length', { writable: true }); } catch (e) { console.log('unfreeze ' + e.name); }
c[1] = 'still writable';
console.log(JSON.stringify(c));

// Shrinking deletes from the top; writable:false applies even if it stops.
const d = [0, 1, 2, 3];
Object.defineProperty(d, '1', { value: 1, configurable: false, writable: true, enumerable: true });
try { Object.defineProperty(d, 'length', { value: 0, writable: false }); } catch (e) { console.log(e.name); }
console.log(d.length + ' ' + Object.getOwnPropertyDescriptor(d, 'length').writable);
