function Person(first, last) { this.first = first; this.last = last; }
Object.defineProperty(Person.prototype, 'full', {
    get: function () { return this.first + ' ' + this.last; }
});
const p = new Person('Grace', 'Hopper');
console.log(p.full);
console.log(String(p.hasOwnProperty('full')));
console.log(String('full' in p));
const child = Object.create(p);
child.first = 'Mary';
console.log(child.full);
