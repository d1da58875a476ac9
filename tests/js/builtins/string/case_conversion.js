const s = 'Hello ÄÖÜ ß İstanbul ǅ';
console.log(s.toUpperCase());
console.log(s.toLowerCase());
console.log('ﬃ'.toUpperCase() + ' ' + 'ﬃ'.toUpperCase().length);
console.log('Σ'.toLowerCase() + ' ' + 'ΑΣ'.toLowerCase());
