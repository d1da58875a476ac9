let a = 1
let b = 2
const c = a
+ b
console.log(String(c))
function f() {
    return
    42
}
console.log(String(f()))
let d = 5
d
++a
console.log(String(a) + ' ' + String(d))
