const a = { name: 'a' };
a.self = a;
try {
    JSON.stringify(a);
    console.log('no error');
} catch (e) {
    console.log(e.name);
}
const arr = [1];
arr.push(arr);
try { JSON.stringify(arr); } catch (e) { console.log('array: ' + e.name); }
const shared = { v: 1 };
console.log(JSON.stringify({ x: shared, y: shared }));
