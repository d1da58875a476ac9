class Base {
    get kind() { return 'base'; }
    describe() { return 'I am ' + this.kind; }
}
class Derived extends Base {
    get kind() { return 'derived(' + super.kind + ')'; }
}
console.log(new Derived().describe());
console.log(new Base().describe());
