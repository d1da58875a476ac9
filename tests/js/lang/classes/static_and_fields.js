class Counter {
    static instances = 0;
    count = 0;
    constructor() { Counter.instances++; }
    inc() { this.count++; return this; }
}
const c = new Counter().inc().inc();
new Counter();
console.log(String(c.count) + ' ' + String(Counter.instances));
console.log(JSON.stringify(c));
