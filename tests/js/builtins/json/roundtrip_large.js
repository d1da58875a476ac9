const o = { items: [] };
for (let i = 0; i < 200; i++) o.items.push({ id: i, name: 'item' + i, tags: ['t' + (i % 5)], price: i * 1.25, ok: i % 2 === 0 });
const s = JSON.stringify(o);
const back = JSON.parse(s);
console.log(String(s.length) + ' ' + String(back.items.length) + ' ' + String(back.items[199].price) + ' ' + JSON.stringify(back.items[3]));
console.log(String(JSON.stringify(back) === s));
