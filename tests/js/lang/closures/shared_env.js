function pair() {
    let x = 0;
    return [() => ++x, () => x * 100];
}
const [inc, read] = pair();
inc(); inc(); inc();
console.log(String(read()));
