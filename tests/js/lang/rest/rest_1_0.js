// runtime: cloudfront-js-1.0
function sum(first, ...more) {
    var t = first;
    for (var i = 0; i < more.length; i++) t += more[i];
    return t;
}
console.log(String(sum(1, 2, 3, 4)));
console.log(String(sum(5)));
