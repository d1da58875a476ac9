console.log([parseInt('42px'), parseInt('  -0x1F'), parseInt('0x'), parseInt('1e3'), parseInt('08'), parseInt('z', 36),
    parseInt('101', 2), parseInt(''), parseInt('9007199254740993'), parseInt(0.0000005), parseInt('123', 1), parseInt('-0')].map(String).join(' '));
console.log([parseFloat('3.14abc'), parseFloat('.5'), parseFloat('-.5e-3x'), parseFloat('Infinityx'), parseFloat('e5'),
    parseFloat('0x10'), parseFloat('  1e1000'), parseFloat('-0')].map(String).join(' '));
console.log(String(Object.is(parseFloat('-0'), -0)));
