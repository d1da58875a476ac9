// runtime: cloudfront-js-1.0
var s = '{"path":"/img/cat.JPG","w":120}';
var o = JSON.parse(s);
var m = /\.(jpe?g|png)$/i.exec(o.path);
console.log(m ? m[1].toLowerCase() : 'none');
console.log(JSON.stringify({ ext: m[1], w: o.w * 2 }));
