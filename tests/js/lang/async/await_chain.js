async function double(x) { return x * 2; }
async function main() {
    let v = 1;
    for (let i = 0; i < 5; i++) {
        v = await double(v);
    }
    const [a, b] = await Promise.all([double(v), double(1)]);
    return v + ':' + a + ':' + b;
}
main().then(r => console.log(r));
