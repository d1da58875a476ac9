class Base {
    constructor(name) { this.name = name; }
    get upper() { return this.name.toUpperCase(); }
    static create(n) { return new this(n); }
    *[Symbol.iterator]() { yield* this.name; }
    async fetch() { return await Promise.resolve(this.name); }
}
class Derived extends Base {
    constructor(...args) { super(...args); this.kind = new.target.name; }
    get upper() { return `<${super.upper}>`; }
}
const d = Derived.create('x');
const { name, kind = 'none', ...rest } = d;
let [a, , b = 2, ...more] = [...'hello'];
({ a, b } = { a: b, b: a });
label: for (const ch of d) { if (ch === 'x') continue label; else break label; }
