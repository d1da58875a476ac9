let evaluated = [];
function c(v) { evaluated.push(v); return v; }
switch (3) {
    case c(1): break;
    case c(2) + 1: evaluated.push('matched'); break;
    case c(4): break;
}
console.log(evaluated.join(','));
switch (true) {
    case 5 > 10: console.log('no'); break;
    case 5 > 1: console.log('five > one'); break;
}
