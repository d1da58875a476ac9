const v = JSON.parse('{"a":[1,2.5,-3e2,true,false,null],"b":{"c":"\\u00e9\\n"},"":"empty key"}');
console.log(JSON.stringify(v));
console.log([JSON.parse('1'), JSON.parse(' "s" '), JSON.parse('null'), JSON.parse('[]').length, JSON.parse('-0')].map(String).join(' '));
console.log(String(Object.is(JSON.parse('-0'), -0)));
console.log(JSON.stringify(JSON.parse('{"a":1,"a":2}')));
console.log(JSON.stringify(JSON.parse('{"__proto__":{"x":1}}')) + ' ' + String(({}).x));
