function safeParse(s) {
    try {
        return JSON.parse(s);
    } catch {
        return 'invalid';
    }
}
console.log(String(safeParse('{"a":1}').a) + ' ' + safeParse('{nope'));
