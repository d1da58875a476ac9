class K {
    m() {}
    static s() {}
}
const keys = [];
for (const k in new K()) keys.push(k);
console.log('enumerable: [' + keys.join(',') + ']');
const d = Object.getOwnPropertyDescriptor(K.prototype, 'm');
console.log(String(d.enumerable) + ' ' + String(d.writable) + ' ' + String(d.configurable));
