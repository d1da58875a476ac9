const o = { a: 1, b: 2 };
console.log(String(delete o.a) + ' ' + JSON.stringify(o));
console.log(String(delete o.nonexistent));
const arr = [1, 2, 3];
delete arr[1];
console.log(String(arr.length) + ' ' + String(1 in arr) + ' ' + JSON.stringify(arr));
const frozen = Object.freeze({ k: 1 });
try {
    delete frozen.k;
    console.log('deleted');
} catch (e) {
    console.log('frozen: ' + e.name);
}
