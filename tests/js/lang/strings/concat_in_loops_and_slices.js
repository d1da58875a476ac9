// Building strings piecewise, then slicing and comparing them.
let html = '<ul>';
const items = ['a', 'b', 'c'];
for (const it of items) html += '<li>' + it + '</li>';
html += '</ul>';
console.log(html + ' ' + html.length);
const part = html.slice(4, 14);
let rebuilt = '';
for (const ch of part) rebuilt += ch;
console.log(part + ' ' + String(rebuilt === part) + ' ' + String(part + '' === '<li>a</li>'));
