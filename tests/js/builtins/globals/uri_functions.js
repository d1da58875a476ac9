const s = 'a b&c=d/é?#😀';
console.log(encodeURIComponent(s));
console.log(encodeURI(s));
console.log(encodeURI("http://x.y/a b?q=1&r=[x]#f") + ' ' + encodeURIComponent("-_.!~*'()"));
console.log(decodeURIComponent('%F0%9F%98%80%20%41') + ' ' + decodeURI('%2F%41%23') + ' ' + decodeURIComponent('%2F'));
for (const bad of ['%', '%E0%A4%A', '%C0%80', '%ED%A0%80']) {
    try { decodeURIComponent(bad); console.log('ok ' + bad); } catch (e) { console.log(e.name + ' ' + bad); }
}
