const r = [];
for (const x of [1, 2]) {
    switch (x) {
        case 1: {
            let msg = 'first';
            r.push(msg);
            break;
        }
        case 2: {
            let msg = 'second';
            r.push(msg);
            break;
        }
    }
}
console.log(r.join('+'));
