console.log(String.fromCharCode(72, 105, 0x1F600 & 0xFFFF, 65536 + 65));
console.log(String.fromCodePoint(0x1F600, 97).length + ' ' + String.fromCodePoint(0x1F600).codePointAt(0));
try { String.fromCodePoint(0x110000); } catch (e) { console.log(e.name); }
try { String.fromCodePoint(1.5); } catch (e) { console.log(e.name); }
console.log(String.fromCharCode().length + ' ' + String.fromCharCode('66'));
