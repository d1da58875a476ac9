const log = [];
async function a() {
    log.push('a start');
    await null;
    log.push('a after await');
}
a();
log.push('sync after a()');
Promise.resolve().then(() => log.push('then 1'));
queueLog();
function queueLog() {
    Promise.resolve().then(() => Promise.resolve()).then(() => console.log(log.join(' / ')));
}
