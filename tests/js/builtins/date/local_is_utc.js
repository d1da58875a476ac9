// brink-only
// brink runs Date in UTC unless configured: local getters equal UTC ones.
const d = new Date(Date.UTC(2021, 6, 4, 23, 30));
console.log([d.getHours(), d.getDate(), d.getTimezoneOffset()].join(','));
console.log(String(new Date(2021, 6, 4, 23, 30).getTime() === d.getTime()));
