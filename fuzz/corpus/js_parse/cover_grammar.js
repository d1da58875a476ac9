[a, [b, {c = 1, d: [e] = []}], ...f] = g;
({ a = 1, b: { c } = {} } = obj);
x = ({a = 1}) => a;
for ([k, v] of m) ;
