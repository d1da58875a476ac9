const compose = (...fns) => x => fns.reduceRight((v, f) => f(v), x);
const inc = x => x + 1, dbl = x => x * 2;
console.log(String(compose(inc, dbl)(5)));
console.log(String(compose(dbl, inc)(5)));
const pipe = (...fns) => x => fns.reduce((v, f) => f(v), x);
console.log(String(pipe(inc, inc, dbl)(0)));
