class Account {
    #balance = 0;
    deposit(n) { this.#balance += n; return this; }
    get balance() { return this.#balance; }
    static isAccount(o) { return #balance in o; }
}
const acc = new Account().deposit(50).deposit(25);
console.log(String(acc.balance) + ' ' + String(Account.isAccount(acc)) + ' ' + String(Account.isAccount({})));
console.log(JSON.stringify(Object.keys(acc)));
