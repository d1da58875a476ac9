function raw(strings) {
    return JSON.stringify(strings.raw) + ' ' + JSON.stringify(Array.from(strings));
}
console.log(raw`a\nb${0}\t`);
console.log(String.raw`C:\path\to${'!'}\file`);
console.log(String.raw({ raw: ['x', 'y', 'z'] }, 1, 2, 3));
