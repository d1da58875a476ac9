// runtime: cloudfront-js-1.0
// A typical 1.0 function: var, function expressions, ES5 methods.
var routes = { '/': 'index.html', '/about': 'about.html' };
function resolve(uri) {
    if (routes.hasOwnProperty(uri)) return '/' + routes[uri];
    if (uri.charAt(uri.length - 1) === '/') return uri + 'index.html';
    if (uri.indexOf('.') === -1) return uri + '.html';
    return uri;
}
var out = ['/', '/about', '/docs/', '/x', '/a.css'].map(resolve);
console.log(out.join(' '));
var keys = Object.keys(routes).filter(function (k) { return k.length > 1; });
console.log(JSON.stringify(keys));
