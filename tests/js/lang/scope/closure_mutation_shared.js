function makeAccount() {
    let balance = 0;
    const ops = {
        deposit: (n) => { balance += n; return ops; },
        withdraw: (n) => { if (n > balance) throw new RangeError('insufficient'); balance -= n; return ops; },
        get balance() { return balance; }
    };
    return ops;
}
const a = makeAccount();
a.deposit(100).withdraw(30);
try { a.withdraw(1000); } catch (e) { console.log(e.name + ': ' + e.message); }
console.log(String(a.balance));
