try {
    for (const x of { a: 1 }) console.log(String(x));
} catch (e) {
    console.log(e.name);
}
try {
    for (const x of 5) console.log(String(x));
} catch (e) {
    console.log(e.name);
}
