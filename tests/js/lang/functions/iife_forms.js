const r = [];
(function () { r.push('classic'); })();
(function () { r.push('crockford'); }());
(() => r.push('arrow'))();
!function () { r.push('bang'); }();
void function () { r.push('void'); }();
console.log(r.join(','));
