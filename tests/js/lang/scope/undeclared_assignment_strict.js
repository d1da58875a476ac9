// Strict mode: assigning an undeclared name throws ReferenceError.
function f() {
    undeclaredVariable = 42;
}
try {
    f();
    console.log('assigned');
} catch (e) {
    console.log('caught ' + e.name);
}
console.log(typeof undeclaredVariable);
undeclaredVariable2 = 1;
