const out = [];
Promise.resolve(1).then(v => { out.push('v' + v); return v + 1; }).then(v => out.push('v' + v));
Promise.reject(new Error('e1')).then(() => out.push('no'), e => out.push('caught ' + e.message));
Promise.reject(2).catch(v => v * 10).then(v => out.push('recovered ' + v));
Promise.resolve(3).finally(() => out.push('finally')).then(v => out.push('after finally ' + v));
setTimeoutFree();
function setTimeoutFree() {
    let p = Promise.resolve();
    for (let i = 0; i < 6; i++) p = p.then(() => {});
    p.then(() => console.log(out.join(', ')));
}
