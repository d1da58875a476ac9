const csv = 'name,age,city\nAda,36,London\nAlan,41,Wilmslow';
const rows = csv.split('\n').map(l => l.split(','));
const objs = rows.slice(1).map(r => ({ [rows[0][0]]: r[0], [rows[0][1]]: Number(r[1]), [rows[0][2]]: r[2] }));
console.log(JSON.stringify(objs));
console.log(rows.map(r => r.join(';')).join('|'));
