// console.log lines written before an exception are still reported.
function handler(event) {
    console.log('about to fail');
    null.boom;
}
