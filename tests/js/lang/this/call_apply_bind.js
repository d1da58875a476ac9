function describe(greeting, punct) {
    return greeting + ', ' + this.name + punct;
}
const who = { name: 'Ada' };
console.log(describe.call(who, 'Hi', '!'));
console.log(describe.apply(who, ['Hello', '?']));
const b = describe.bind(who, 'Hey');
console.log(b('.'));
const b2 = b.bind({ name: 'ignored' });
console.log(b2('...'));
