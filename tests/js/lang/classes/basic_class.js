class Animal {
    constructor(name) { this.name = name; }
    speak() { return this.name + ' makes a sound'; }
    toString() { return 'Animal(' + this.name + ')'; }
}
const a = new Animal('cat');
console.log(a.speak());
console.log(String(a));
console.log(typeof Animal + ' ' + String(Object.keys(a)));
console.log(JSON.stringify(Object.getOwnPropertyNames(Animal.prototype)));
