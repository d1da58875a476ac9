const routes = [
    [/^\/api\/v(\d+)\/users\/(\d+)$/, 'user'],
    [/^\/static\/(.+)\.(css|js)$/, 'asset'],
    [/^\/(?<lang>en|fr|de)(\/.*)?$/, 'localized']
];
function route(uri) {
    for (const [re, name] of routes) {
        const m = re.exec(uri);
        if (m) return name + JSON.stringify(m.slice(1)) + (m.groups ? JSON.stringify(m.groups) : '');
    }
    return 'none';
}
['/api/v2/users/42', '/static/app.min.js', '/fr/about', '/de', '/other'].forEach(u => console.log(route(u)));
