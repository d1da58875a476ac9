const people = [];
const names = ['ann', 'bob', 'cid', 'dan', 'eve', 'fay', 'gus', 'hal', 'ivy', 'jon', 'kim', 'lea'];
for (let i = 0; i < 60; i++) people.push({ name: names[i % 12] + i, age: 20 + (i * 7) % 5 });
people.sort((a, b) => a.age - b.age);
console.log(people.map(p => p.age + ':' + p.name).join(' '));
