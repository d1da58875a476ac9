// console.log: one FunctionExecutionLogs entry per call, objects as JSON text
// is the function's business (String() here).
function handler(event) {
    console.log('plain');
    console.log(42);
    console.log(String([1, 2, 3]));
    console.log('');
    return event.request;
}
