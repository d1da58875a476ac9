async function failing() { throw new RangeError('nope'); }
async function main() {
    try {
        await failing();
        return 'no';
    } catch (e) {
        return 'caught ' + e.name;
    } finally {
        console.log('finally ran');
    }
}
main().then(r => console.log(r));
