function tag(strings, ...vals) {
    return strings.length + ':' + strings.join('|') + ':' + vals.join(',');
}
console.log(tag`a${1}b${2}c`);
console.log(tag`${'x'}`);
console.log(tag``);
