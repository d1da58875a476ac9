let s = 'start';
blk: {
    s += ' in';
    if (s.length > 0) break blk;
    s += ' unreachable';
}
console.log(s + ' end');
