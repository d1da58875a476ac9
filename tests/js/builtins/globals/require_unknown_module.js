// brink-only
// require() of a module CloudFront does not offer throws an Error.
try {
    require('fs');
    console.log('loaded fs');
} catch (e) {
    console.log('fs: ' + (e instanceof Error));
}
try {
    require('http');
    console.log('loaded http');
} catch (e) {
    console.log('http: ' + (e instanceof Error));
}
