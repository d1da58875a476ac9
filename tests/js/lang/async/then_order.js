const out = [];
Promise.resolve(1).then(v => out.push('p1:' + v));
Promise.reject(new Error('x')).catch(e => out.push('rej:' + e.message));
out.push('sync');
Promise.resolve().then(() => out.push('p2')).then(() => out.push('p2b'));
Promise.resolve().then(() => out.push('p3')).then(() => {
    out.push('p3b');
}).then(() => console.log(out.join(',')));
