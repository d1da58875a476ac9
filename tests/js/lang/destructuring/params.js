function f({ name, tags: [firstTag = 'none'] = [] }, [n1, n2] = [0, 0]) {
    return name + ':' + firstTag + ':' + (n1 + n2);
}
console.log(f({ name: 'a' }));
console.log(f({ name: 'b', tags: ['t1', 't2'] }, [3, 4]));
const g = ({ x = 1, y = 2 } = {}) => x * y;
console.log(String(g()) + ' ' + String(g({ x: 5 })));
