function twice() { return 1; }
function twice() { return 2; }
console.log(String(twice()));
var sameVar = 'a';
var sameVar;
console.log(sameVar);
