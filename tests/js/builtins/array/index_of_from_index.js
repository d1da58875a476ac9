const a = [1, 2, 3, 1, 2, 3];
console.log([
    a.indexOf(1, 1),
    a.indexOf(1, -3),
    a.indexOf(3, 10),
    a.lastIndexOf(1, -4),
    a.lastIndexOf(3, -1),
    a.includes(1, 4),
    a.includes(2, -2)
].join(','));
