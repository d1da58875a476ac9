// JSON.stringify of numbers (shortest form, -0 -> 0, non-finite -> null)
// and of unusual keys; control characters are escaped as \u00XX.
console.log(JSON.stringify([0.1 + 0.2, 1e21, 1e-7, -0, 5e-324, 2 ** 53, 1.5e300 * 1e10]));
console.log(JSON.stringify({ '': 1, ' ': 2, '\n': 3, 'é': 4, '😀': 5 }));
console.log(JSON.stringify('\u0000\u001f\u0020'));
