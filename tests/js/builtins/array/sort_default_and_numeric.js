console.log([10, 9, 1, 100, 25].sort().join(','));
console.log([10, 9, 1, 100, 25].sort((a, b) => a - b).join(','));
console.log(JSON.stringify([3, undefined, 1, , 2].sort()));
console.log(['b', 'B', 'a', 'é', 'Z', '10', '9'].sort().join(','));
console.log(JSON.stringify([true, false, null, 'null', 'true'].sort()));
