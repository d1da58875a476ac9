console.log(String(void 0));
console.log(String(void 'anything'));
let side = 0;
void (side = 5);
console.log(String(side));
console.log(String(void 0 === undefined));
