const m = /(?<year>\d{4})-(?<month>\d{2})/.exec('on 2023-11');
console.log(m.groups.year + '/' + m.groups.month + ' ' + JSON.stringify(Object.keys(m.groups)));
console.log('2023-11'.replace(/(?<y>\d+)-(?<m>\d+)/, '$<m>.$<y>'));
console.log(String(/(?<a>x)|(?<b>y)/.exec('y').groups.a));
const { groups: { host } } = /^https?:\/\/(?<host>[^/:]+)/.exec('https://example.com:8080/path');
console.log(host);
