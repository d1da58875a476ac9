var a = 1;
var b = `x
y`;var c = a
++b
