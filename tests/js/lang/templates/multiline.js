const s = `line1
line2
  indented`;
console.log(JSON.stringify(s));
console.log(String(s.split('\n').length));
