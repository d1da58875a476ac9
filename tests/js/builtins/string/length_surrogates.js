const s = 'a😀b';
console.log([
    s.length,
    s.charCodeAt(1),
    s.charCodeAt(2),
    s.codePointAt(1),
    s.codePointAt(2),
    s.charCodeAt(9)
].map(String).join(','));
console.log(JSON.stringify(s.charAt(1)) + ' ' + JSON.stringify(s[1] + s[2]));
console.log(String([...s].length) + ' ' + String(Array.from(s).length));
