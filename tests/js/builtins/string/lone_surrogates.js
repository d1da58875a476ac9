const lone = '\uD800x\uDC00';
console.log(String(lone.length) + ' ' + lone.charCodeAt(0).toString(16) + ' ' + lone.codePointAt(2).toString(16));
console.log(JSON.stringify(lone));
console.log(String([...lone].length));
console.log(encodeURIComponent('\uD83D\uDE00'));
try { encodeURIComponent('\uD800'); } catch (e) { console.log(e.name); }
