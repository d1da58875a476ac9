const log = [];
async function task(name, n) {
    for (let i = 0; i < n; i++) {
        log.push(name + i);
        await undefined;
    }
}
Promise.all([task('a', 3), task('b', 2)]).then(() => console.log(log.join(' ')));
