const like = { length: 3, 0: 'a', 1: 'b', 2: 'c' };
console.log(Array.prototype.join.call(like, '+') + ' ' + JSON.stringify(Array.prototype.map.call(like, x => x.toUpperCase())));
console.log(JSON.stringify(Array.prototype.slice.call('xyz')));
Array.prototype.push.call(like, 'd');
console.log(String(like.length) + ' ' + like[3]);
