const s = 'a\tb\nc\\d\'e"f\u00e9\x41\u{1F600}\0';
console.log(JSON.stringify(s));
console.log(String(s.length));
console.log('line\
continued');
