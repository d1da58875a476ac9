var a = 1
var b = a
++b
var c = b
(function () {})
var d = c
/x/g.test('x')
function f() {
    return
    42
}
x: for (;;) { break
    x }
a = b
[c] = [d]
do ; while (0) a++
if (a) {} else {}
var t = `tpl`
