var f = function () { return () => () => this; };
var g = (a, b = a, [c, d] = [], { e, f: { g } = {} } = {}, ...rest) => ({ a, b, c, d, e, g, rest });
var h = async (x) => await x;
var i = async x => x;
var j = x => y => z => x + y + z;
var k = (...args) => args.length;
var l = () => { };
var m = a => ({}).a;
var n = (a, b) => a ** b ** 2;
