const r = [
    null ?? 'a', undefined ?? 'b', 0 ?? 'c', '' ?? 'd', false ?? 'e', NaN ?? 'f',
    (null || undefined) ?? 'g'
];
console.log(r.map(String).join(','));
const cfg = { timeout: 0, retries: null };
console.log(String(cfg.timeout ?? 30) + ' ' + String(cfg.timeout || 30) + ' ' + String(cfg.retries ?? 3));
