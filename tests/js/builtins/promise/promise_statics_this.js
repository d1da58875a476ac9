// Promise.resolve/reject/all/race called on non-constructors, and on a
// constructor whose executor is observed.
const out = [];
function t(name, f) {
    try { f(); out.push(name + ' ok'); } catch (e) { out.push(name + ' ' + e.name); }
}
t('resolve on undefined', () => Promise.resolve.call(undefined, 1));
t('resolve on number', () => Promise.resolve.call(3, 1));
t('reject on object', () => Promise.reject.call({}, 1));
t('all on non-ctor', () => Promise.all.call(Math.max, []));
t('race on undefined', () => Promise.race.call(undefined, []));
let calls = 0;
function Fake(exec) {
    calls++;
    exec(v => out.push('fake resolve ' + JSON.stringify(v)), e => out.push('fake reject ' + e));
}
Fake.resolve = v => ({ then(ok, err) { out.push('then called'); ok(v * 2); } });
const r = Promise.all.call(Fake, [1, 2, 3]);
out.push('calls ' + calls + ' ' + (r instanceof Fake));
Promise.race.call(Fake, [7]);
Promise.reject.call(Fake, 'no');
t('executor twice', () => Promise.resolve.call(function (exec) { exec(() => {}, () => {}); exec(() => {}, () => {}); }, 1));
t('executor non-callable', () => Promise.reject.call(function (exec) { exec(1, 2); }, 1));
console.log(out.join('\n'));
