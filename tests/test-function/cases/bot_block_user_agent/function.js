// Blocks known scrapers by User-Agent (case-insensitive).
const bots = /(scrapy|python-requests|curl|wget|httpclient)/i;

function handler(event) {
    const ua = event.request.headers['user-agent'];
    if (ua && bots.test(ua.value)) {
        return {
            statusCode: 403,
            statusDescription: 'Forbidden',
            headers: { 'content-type': { value: 'text/plain' } },
            body: 'Automated access is not allowed.'
        };
    }
    return event.request;
}
