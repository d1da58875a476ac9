console.log(['abc'.search(/c/), 'abc'.search('b'), 'abc'.search(/z/), 'a.c'.search('.'), 'null'.search(null)].join(','));
console.log(String(/undefined/.test()) + ' ' + String(/null/.test(null)) + ' ' + String(/1/.test(1)));
const g = /a/g;
g.lastIndex = 5;
console.log('aaa'.search(g) + ' ' + g.lastIndex);
