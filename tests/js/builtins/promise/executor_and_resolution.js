const out = [];
const p = new Promise((resolve, reject) => {
    out.push('executor runs synchronously');
    resolve('first');
    resolve('second');
    reject(new Error('ignored'));
});
p.then(v => { out.push(v); console.log(out.join(' | ')); });
out.push('after constructor');
const thrower = new Promise(() => { throw new TypeError('in executor'); });
thrower.catch(e => console.log('executor throw -> ' + e.name));
try { new Promise(5); } catch (e) { console.log('non-callable: ' + e.name); }
