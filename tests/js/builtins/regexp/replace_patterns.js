const s = 'John Smith';
console.log(s.replace(/(\w+)\s(\w+)/, '$2, $1'));
console.log(s.replace(/o/g, '[$&]'));
console.log(s.replace(/(x)?Smith/, '<$1>'));
console.log(s.replace(/Smith/, "$'|$`"));
console.log(s.replace(/(J)(o)/, '$3$10$01$$'));
console.log('aaa'.replace(/a*?/g, '-'));
console.log('abc'.replace(/$/, '!') + ' ' + 'abc'.replace(/^/g, '>'));
