// brink-only
// Runtime 2.0 offers the cloudfront module through import; its helpers are
// functions (KVS access itself needs a configured store, not tested here).
import cf from 'cloudfront';
console.log([typeof cf.kvs, typeof cf.updateRequestOrigin, typeof cf.selectRequestOriginById,
    typeof cf.createRequestOriginGroup, typeof cf.logCustomData].join(','));
