// Maintenance window: everyone but the office gets a 503 page, sent as
// base64 so it survives any characters.
var office = ['203.0.113.10', '203.0.113.11'];
var page = 'PCFET0NUWVBFIGh0bWw+PGh0bWw+PGhlYWQ+PHRpdGxlPk1haW50ZW5hbmNlPC90aXRsZT48L2hlYWQ+PGJvZHk+PGgxPldlJiMzOTtsbCBiZSBiYWNrIHNvb248L2gxPjwvYm9keT48L2h0bWw+';

function handler(event) {
    if (office.indexOf(event.viewer.ip) !== -1) {
        return event.request;
    }
    return {
        statusCode: 503,
        statusDescription: 'Service Unavailable',
        headers: {
            'content-type': { value: 'text/html; charset=utf-8' },
            'retry-after': { value: '3600' },
            'cache-control': { value: 'no-store' }
        },
        body: { encoding: 'base64', data: page }
    };
}
