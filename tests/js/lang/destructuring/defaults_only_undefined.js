const [a = 'A', b = 'B', c = 'C'] = [null, undefined, 0];
console.log(String(a) + ' ' + b + ' ' + String(c));
let evaluated = 0;
const { d = ++evaluated, e = ++evaluated } = { d: 'given' };
console.log(d + ' ' + String(e) + ' ' + evaluated);
