const d = new Date(Date.UTC(2000, 0, 1));
console.log(String(+d) + ' ' + String(d - new Date(0)) + ' ' + String(d.valueOf() === d.getTime()));
console.log(String(new Date(d) .getTime() === d.getTime()));
console.log(String(typeof Date.now()));
console.log(String(new Date(2020, 0) instanceof Date));
console.log(typeof Date() + ' ' + typeof new Date());
