const r = [
    '5' + 3, '5' - 3, '5' * '2', '10' / '4', '7' % 3,
    true + 1, null + 1, undefined + 1, [] + [], [] + {}, [2] * [3],
    +'', +' 12 ', +'0x1f', +'1e3', +'abc', -'3'
];
console.log(r.map(String).join(' | '));
