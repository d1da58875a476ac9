console.log(JSON.stringify(`tab\there`));
console.log(`dollar \${not} interpolated`);
console.log(`backtick \` inside`);
console.log(JSON.stringify(`\u0041\x42\u{43}`));
console.log(`a$b$ {c}`);
