async function f() {
    const a = await 1;
    const b = await 'two';
    const c = await null;
    const d = await { then: undefined, v: 4 };
    return [a, b, c, d.v].map(String).join(',');
}
f().then(r => console.log(r));
console.log('first');
