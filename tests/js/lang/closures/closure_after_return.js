function memo(fn) {
    const cache = {};
    let calls = 0;
    return function (n) {
        if (!(n in cache)) { calls++; cache[n] = fn(n); }
        return cache[n] + '/' + calls;
    };
}
const sq = memo(n => n * n);
console.log([sq(3), sq(3), sq(4), sq(3)].join(' '));
