const name = 'world', n = 3;
console.log(`hello ${name}`);
console.log(`${n} + ${n} = ${n + n}`);
console.log(`nested ${`inner ${n * 2}`} done`);
console.log(`${[1, 2, 3]}|${null}|${undefined}|${{}}|${true}`);
