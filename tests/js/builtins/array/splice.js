const a = [0, 1, 2, 3, 4, 5];
console.log(JSON.stringify(a.splice(1, 2)) + ' ' + JSON.stringify(a));
console.log(JSON.stringify(a.splice(-2, 1, 'x', 'y')) + ' ' + JSON.stringify(a));
console.log(JSON.stringify(a.splice(2)) + ' ' + JSON.stringify(a));
console.log(JSON.stringify(a.splice(0, 0, 'start')) + ' ' + JSON.stringify(a));
console.log(JSON.stringify(a.splice()) + ' ' + JSON.stringify(a.splice(undefined)) + ' ' + JSON.stringify(a));
