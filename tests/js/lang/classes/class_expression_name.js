const Anon = class {};
const Named = class Inner {
    who() { return Inner.name; }
};
console.log(Anon.name + ' ' + Named.name + ' ' + new Named().who());
console.log(typeof Inner);
