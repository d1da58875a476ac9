function a() { return b(); }
function b() { return c(); }
function c() { return [].reduce((x, y) => x + y); }
console.log('calling');
a();
