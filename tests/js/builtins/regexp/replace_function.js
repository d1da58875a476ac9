const s = 'width=10px height=20px';
const r = s.replace(/(\w+)=(\d+)(px)?/g, (match, name, num, unit, offset, str) =>
    `${name}:${num * 2}${unit || ''}@${offset}/${str.length}`);
console.log(r);
const g = 'k1=v1'.replace(/(?<k>\w+)=(?<v>\w+)/, (...args) => JSON.stringify(args[args.length - 1]));
console.log(g);
console.log('x'.replace(/(y)?x/, (m, p1) => typeof p1));
