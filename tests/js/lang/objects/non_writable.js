const o = {};
Object.defineProperty(o, 'ro', { value: 'fixed', writable: false, enumerable: true });
try {
    o.ro = 'changed';
} catch (e) {
    console.log(e.name);
}
console.log(o.ro);
const arr = [1, 2, 3];
Object.defineProperty(arr, 'length', { writable: false });
try { arr.push(4); } catch (e) { console.log('push: ' + e.name); }
console.log(String(arr.length));
