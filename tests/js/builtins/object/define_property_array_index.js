const a = [1, 2, 3];
Object.defineProperty(a, 1, { value: 'fixed', writable: false });
try { a[1] = 'changed'; } catch (e) { console.log(e.name); }
console.log(JSON.stringify(a));
try { a.length = 0; } catch (e) { console.log('truncate: ' + e.name); }
console.log(String(a.length) + ' ' + JSON.stringify(a));
