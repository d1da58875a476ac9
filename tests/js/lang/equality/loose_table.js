const vals = [0, '', '0', null, undefined, false, NaN, [], [0], '1', 1, true];
const names = ['0', "''", "'0'", 'null', 'undef', 'false', 'NaN', '[]', '[0]', "'1'", '1', 'true'];
for (let i = 0; i < vals.length; i++) {
    let row = names[i] + ':';
    for (let j = 0; j < vals.length; j++) {
        row += vals[i] == vals[j] ? '1' : '.';
    }
    console.log(row);
}
