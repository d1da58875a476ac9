const { a, b: renamed, c = 'default', d: { e } = { e: 'nested default' } } = { a: 1, b: 2 };
console.log([a, renamed, c, e].join(' '));
const { length } = 'four';
console.log(String(length));
const { ['comp' + 'uted']: cv } = { computed: 'yes' };
console.log(cv);
