let ok = true;
for (let i = 0; i < 1000; i++) {
    const r = Math.random();
    if (!(r >= 0 && r < 1)) ok = false;
}
console.log('in range: ' + ok);
const set = {};
for (let i = 0; i < 100; i++) set[Math.random()] = 1;
console.log('distinct: ' + (Object.keys(set).length > 90));
