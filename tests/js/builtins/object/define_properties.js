const o = {};
Object.defineProperties(o, {
    a: { value: 1, enumerable: true },
    b: { value: 2 },
    c: { get() { return this.a + 10; }, enumerable: true }
});
console.log(JSON.stringify(o) + ' ' + JSON.stringify(Object.getOwnPropertyDescriptor(o, 'b')));
try { Object.defineProperty(o, 'b', { value: 3 }); } catch (e) { console.log(e.name); }
try { Object.defineProperty(o, 'd', { value: 1, get() {} }); } catch (e) { console.log('mixed: ' + e.name); }
console.log(JSON.stringify(Object.getOwnPropertyNames(o)));
