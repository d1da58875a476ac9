// String comparison and default sort use UTF-16 code units.
const list = [
    '\uffff',
    '😀',
    'z',
    'Z',
    'é',
    'a'
];
console.log(JSON.stringify(list.slice().sort()));
console.log(String('😀' < '\uffff') + ' ' + String('\ud83d' < '😀') + ' ' + String('a' < 'aa'));
