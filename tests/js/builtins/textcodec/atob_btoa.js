// atob/btoa (2.0): Latin-1 strings only, whitespace tolerated by atob, bad
// input throws.
console.log(btoa('hello') + ' ' + atob('aGVsbG8=') + ' ' + btoa('') + ' ' + btoa('\xff\xfe'));
console.log(JSON.stringify(atob('  aGk  ')) + ' ' + atob('aGk') + ' ' + JSON.stringify(atob('/w==')));
try { btoa('€'); } catch (e) { console.log('btoa non-latin1: ' + (e instanceof Error)); }
try { atob('a'); } catch (e) { console.log('atob bad: ' + (e instanceof Error)); }
