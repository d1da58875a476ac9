const a = [1, 2], b = [3];
console.log(JSON.stringify([...a, ...b, 4]));
console.log(JSON.stringify([...'héllo']));
console.log(JSON.stringify([...[1, 2].keys(), ...[[5]]]));
const holes = [...[, 1]];
console.log(String(0 in holes) + ' ' + String(holes[0]));
