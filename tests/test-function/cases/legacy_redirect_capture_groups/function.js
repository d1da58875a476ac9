// Old CMS URLs to new ones with capture groups:
// /blog/2019/05/hello-world.html -> /posts/hello-world (301).
const legacy = /^\/blog\/(\d{4})\/(\d{2})\/([a-z0-9-]+)\.html$/;

function handler(event) {
    const request = event.request;
    const m = request.uri.match(legacy);
    if (m) {
        return {
            statusCode: 301,
            statusDescription: 'Moved Permanently',
            headers: {
                location: { value: `/posts/${m[3]}?year=${m[1]}&month=${m[2]}` }
            }
        };
    }
    return request;
}
