let i = 0, r = [];
loop: while (i < 5) {
    i++;
    let j = 0;
    do {
        j++;
        if (i % 2 === 0) continue loop;
    } while (j < 2);
    r.push(i);
}
console.log(r.join(','));
