const obj = {
    name: 'obj',
    regular: function () {
        const arrow = () => this.name;
        return arrow();
    },
    nested: function () {
        return [1, 2].map(() => this.name).join(',');
    }
};
console.log(obj.regular());
console.log(obj.nested());
