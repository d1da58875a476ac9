const thenable = {
    then(resolve) { console.log('then called'); resolve('from thenable'); }
};
async function main() {
    const v = await thenable;
    console.log(v);
    const w = await 42;
    console.log(String(w));
}
main();
console.log('sync');
