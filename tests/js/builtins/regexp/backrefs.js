// Backreferences: to a group that did not participate (matches empty), to a
// repeated pair, and named (\k<q>).
console.log(String(/(a)\1/.test('aa')) + ' ' + String(/(a)|b\1/.test('b')));
console.log(JSON.stringify(/(?:(a)|b)\1c/.exec('bc')));
console.log(JSON.stringify('abab cdcd'.match(/(\w\w)\1/g)));
console.log(String(/(?<q>['"]).*?\k<q>/.exec(`say "hi" 'x'`)[0]));
