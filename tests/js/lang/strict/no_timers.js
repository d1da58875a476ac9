// brink-only
// CloudFront has no timers, no process, no fs (runtime 2.0 page).
console.log([
    typeof setTimeout,
    typeof setInterval,
    typeof setImmediate,
    typeof clearTimeout,
    typeof process
].join(','));
