const inputs = [
    '2020-01-02',
    '2020-01-02T03:04:05Z',
    '2020-01-02T03:04:05.678+02:00',
    '2020-06',
    'Tue, 15 Nov 1994 08:12:31 GMT',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    '2020-13-01',
    'garbage',
    '+002020-01-01T00:00:00Z'
];
console.log(inputs.map(s => String(Date.parse(s))).join(' '));
