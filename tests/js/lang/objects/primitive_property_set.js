// Strict mode: setting a property on a primitive throws.
const s = 'str';
try {
    s.prop = 1;
    console.log('set');
} catch (e) {
    console.log(e.name);
}
console.log(String(s.prop));
console.log(String('abc'.length) + ' ' + String((5).constructor === Number));
