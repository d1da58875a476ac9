const r = [
    1 + 2 * 3, (1 + 2) * 3, 2 * 3 % 4, 10 - 3 - 2, 2 ** 2 * 3,
    true ? 1 : 0 ? 2 : 3, false ? 1 : 0 ? 2 : 3, 1 < 2 === true,
    !0 + 1, -(-3), typeof 1 + 2
];
console.log(r.map(String).join(' '));
