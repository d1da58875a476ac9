class C {}
try {
    C();
    console.log('called');
} catch (e) {
    console.log(e.name);
}
