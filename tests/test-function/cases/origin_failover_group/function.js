// Builds a failover pair for API traffic at request time.
import cf from 'cloudfront';

function handler(event) {
    if (event.request.uri.startsWith('/api/')) {
        cf.createRequestOriginGroup({
            originIds: [
                { originId: 'api-primary' },
                { originId: 'api-standby', originOverrides: { originPath: '/standby' } }
            ],
            selectionCriteria: 'default',
            failoverCriteria: { statusCodes: [500, 502, 503, 504] }
        });
    }
    return event.request;
}
