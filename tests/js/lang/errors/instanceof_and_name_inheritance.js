function OldStyle(msg) { this.message = msg; }
OldStyle.prototype = Object.create(Error.prototype);
OldStyle.prototype.constructor = OldStyle;
OldStyle.prototype.name = 'OldStyle';
const e = new OldStyle('legacy');
console.log(String(e) + ' ' + String(e instanceof Error));
try {
    throw e;
} catch (x) {
    console.log(x.name + ':' + x.message);
}
