console.log(hoisted());
function hoisted() { return 'called before declaration'; }
console.log(typeof later);
var later = function () {};
console.log(typeof later);
