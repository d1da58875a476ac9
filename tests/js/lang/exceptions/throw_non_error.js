const values = [42, 'str', null, undefined, { code: 7 }, [1, 2]];
const out = [];
for (const v of values) {
    try {
        throw v;
    } catch (e) {
        out.push(e === v ? 'same' : 'different');
        out.push(typeof e);
    }
}
console.log(out.join(','));
