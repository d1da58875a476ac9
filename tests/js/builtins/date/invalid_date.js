const d = new Date('not a date');
console.log(String(d.getTime()) + ' ' + String(isNaN(d)));
try {
    d.toISOString();
} catch (e) {
    console.log(e.name);
}
console.log(JSON.stringify({ d }));
console.log(String(new Date(8.64e15 + 1).getTime()) + ' ' + new Date(8.64e15).toISOString());
