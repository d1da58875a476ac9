const fmt = {
    cur: '$',
    money(strings, ...vals) {
        return strings.reduce((acc, s, i) =>
            acc + s + (i < vals.length ? this.cur + vals[i].toFixed(2) : ''), '');
    }
};
console.log(fmt.money`Total: ${12.5} (tax ${1})`);
