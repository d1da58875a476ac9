// MuJS prelude: no console in the library; workloads do not log,
// but a stray console.log must not throw.
var console = { log: function () {} };
