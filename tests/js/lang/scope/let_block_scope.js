let x = 'outer';
{
    let x = 'inner';
    console.log('in block: ' + x);
}
console.log('after block: ' + x);
if (true) {
    let y = 5;
    console.log('y=' + y);
}
console.log('typeof y: ' + typeof y);
