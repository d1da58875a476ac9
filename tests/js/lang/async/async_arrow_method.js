const o = {
    v: 3,
    async m() { return this.v; },
    arrow: async (x) => x + 1
};
class C { async run() { return 'class async'; } }
Promise.all([o.m(), o.arrow(1), new C().run()]).then(r => console.log(r.join(',')));
