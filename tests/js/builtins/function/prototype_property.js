// Ordinary functions get a prototype object whose constructor points back;
// arrow functions have no prototype property.
function F() {}
console.log(String(F.prototype.constructor === F) + ' ' + JSON.stringify(Object.keys(F.prototype)));
console.log(typeof Function.prototype + ' ' + String(Object.getPrototypeOf(F) === Function.prototype));
console.log(String((() => {}).hasOwnProperty('prototype')) + ' ' + String((function () {}).hasOwnProperty('prototype')));
