const vals = [undefined, null, true, 1, 1.5, NaN, 'str', '', {}, [], function () {}, () => {},
    class {}, Symbol('s'), new Number(1), new String('s'), /re/, new Date(0), Math.max];
console.log(vals.map(v => typeof v).join(','));
console.log(typeof notDeclaredAnywhere);
console.log(typeof typeof 1);
