// A 10 KB viewer-request function for timing `brink test-function` as a
// whole process: a legacy redirect table, country routing, query-string
// normalisation and cache-key headers (no regular expressions, so it runs
// on today's engine).
var redirects = {
    '/old/blog/item-000': '/blog/000-archived-page',
    '/old/news/item-001': '/news/001-archived-page',
    '/old/products/item-002': '/products/002-archived-page',
    '/old/support/item-003': '/support/003-archived-page',
    '/old/docs/item-004': '/docs/004-archived-page',
    '/old/about/item-005': '/about/005-archived-page',
    '/old/careers/item-006': '/careers/006-archived-page',
    '/old/press/item-007': '/press/007-archived-page',
    '/old/blog/item-008': '/blog/008-archived-page',
    '/old/news/item-009': '/news/009-archived-page',
    '/old/products/item-010': '/products/010-archived-page',
    '/old/support/item-011': '/support/011-archived-page',
    '/old/docs/item-012': '/docs/012-archived-page',
    '/old/about/item-013': '/about/013-archived-page',
    '/old/careers/item-014': '/careers/014-archived-page',
    '/old/press/item-015': '/press/015-archived-page',
    '/old/blog/item-016': '/blog/016-archived-page',
    '/old/news/item-017': '/news/017-archived-page',
    '/old/products/item-018': '/products/018-archived-page',
    '/old/support/item-019': '/support/019-archived-page',
    '/old/docs/item-020': '/docs/020-archived-page',
    '/old/about/item-021': '/about/021-archived-page',
    '/old/careers/item-022': '/careers/022-archived-page',
    '/old/press/item-023': '/press/023-archived-page',
    '/old/blog/item-024': '/blog/024-archived-page',
    '/old/news/item-025': '/news/025-archived-page',
    '/old/products/item-026': '/products/026-archived-page',
    '/old/support/item-027': '/support/027-archived-page',
    '/old/docs/item-028': '/docs/028-archived-page',
    '/old/about/item-029': '/about/029-archived-page',
    '/old/careers/item-030': '/careers/030-archived-page',
    '/old/press/item-031': '/press/031-archived-page',
    '/old/blog/item-032': '/blog/032-archived-page',
    '/old/news/item-033': '/news/033-archived-page',
    '/old/products/item-034': '/products/034-archived-page',
    '/old/support/item-035': '/support/035-archived-page',
    '/old/docs/item-036': '/docs/036-archived-page',
    '/old/about/item-037': '/about/037-archived-page',
    '/old/careers/item-038': '/careers/038-archived-page',
    '/old/press/item-039': '/press/039-archived-page',
    '/old/blog/item-040': '/blog/040-archived-page',
    '/old/news/item-041': '/news/041-archived-page',
    '/old/products/item-042': '/products/042-archived-page',
    '/old/support/item-043': '/support/043-archived-page',
    '/old/docs/item-044': '/docs/044-archived-page',
    '/old/about/item-045': '/about/045-archived-page',
    '/old/careers/item-046': '/careers/046-archived-page',
    '/old/press/item-047': '/press/047-archived-page',
    '/old/blog/item-048': '/blog/048-archived-page',
    '/old/news/item-049': '/news/049-archived-page',
    '/old/products/item-050': '/products/050-archived-page',
    '/old/support/item-051': '/support/051-archived-page',
    '/old/docs/item-052': '/docs/052-archived-page',
    '/old/about/item-053': '/about/053-archived-page',
    '/old/careers/item-054': '/careers/054-archived-page',
    '/old/press/item-055': '/press/055-archived-page',
    '/old/blog/item-056': '/blog/056-archived-page',
    '/old/news/item-057': '/news/057-archived-page',
    '/old/products/item-058': '/products/058-archived-page',
    '/old/support/item-059': '/support/059-archived-page',
    '/old/docs/item-060': '/docs/060-archived-page',
    '/old/about/item-061': '/about/061-archived-page',
    '/old/careers/item-062': '/careers/062-archived-page',
    '/old/press/item-063': '/press/063-archived-page',
    '/old/blog/item-064': '/blog/064-archived-page',
    '/old/news/item-065': '/news/065-archived-page',
    '/old/products/item-066': '/products/066-archived-page',
    '/old/support/item-067': '/support/067-archived-page',
    '/old/docs/item-068': '/docs/068-archived-page',
    '/old/about/item-069': '/about/069-archived-page',
    '/old/careers/item-070': '/careers/070-archived-page',
    '/old/press/item-071': '/press/071-archived-page',
    '/old/blog/item-072': '/blog/072-archived-page',
    '/old/news/item-073': '/news/073-archived-page',
    '/old/products/item-074': '/products/074-archived-page',
    '/old/support/item-075': '/support/075-archived-page',
    '/old/docs/item-076': '/docs/076-archived-page',
    '/old/about/item-077': '/about/077-archived-page',
    '/old/careers/item-078': '/careers/078-archived-page',
    '/old/press/item-079': '/press/079-archived-page',
    '/old/blog/item-080': '/blog/080-archived-page',
    '/old/news/item-081': '/news/081-archived-page',
    '/old/products/item-082': '/products/082-archived-page',
    '/old/support/item-083': '/support/083-archived-page',
    '/old/docs/item-084': '/docs/084-archived-page',
    '/old/about/item-085': '/about/085-archived-page',
    '/old/careers/item-086': '/careers/086-archived-page',
    '/old/press/item-087': '/press/087-archived-page',
    '/old/blog/item-088': '/blog/088-archived-page',
    '/old/news/item-089': '/news/089-archived-page',
    '/old/products/item-090': '/products/090-archived-page',
    '/old/support/item-091': '/support/091-archived-page',
    '/old/docs/item-092': '/docs/092-archived-page',
    '/old/about/item-093': '/about/093-archived-page',
    '/old/careers/item-094': '/careers/094-archived-page',
    '/old/press/item-095': '/press/095-archived-page',
    '/old/blog/item-096': '/blog/096-archived-page',
    '/old/news/item-097': '/news/097-archived-page',
    '/old/products/item-098': '/products/098-archived-page',
    '/old/support/item-099': '/support/099-archived-page',
    '/old/docs/item-100': '/docs/100-archived-page',
    '/old/about/item-101': '/about/101-archived-page',
    '/old/careers/item-102': '/careers/102-archived-page',
    '/old/press/item-103': '/press/103-archived-page',
    '/old/blog/item-104': '/blog/104-archived-page',
    '/old/news/item-105': '/news/105-archived-page',
    '/old/products/item-106': '/products/106-archived-page',
    '/old/support/item-107': '/support/107-archived-page',
    '/old/docs/item-108': '/docs/108-archived-page',
    '/old/about/item-109': '/about/109-archived-page',
    '/old/careers/item-110': '/careers/110-archived-page',
    '/old/press/item-111': '/press/111-archived-page',
    '/old/blog/item-112': '/blog/112-archived-page',
    '/old/news/item-113': '/news/113-archived-page',
    '/old/products/item-114': '/products/114-archived-page',
    '/old/support/item-115': '/support/115-archived-page',
    '/old/docs/item-116': '/docs/116-archived-page',
    '/old/about/item-117': '/about/117-archived-page',
    '/old/careers/item-118': '/careers/118-archived-page',
    '/old/press/item-119': '/press/119-archived-page',
    '/old/blog/item-120': '/blog/120-archived-page',
    '/old/news/item-121': '/news/121-archived-page',
    '/old/products/item-122': '/products/122-archived-page',
    '/old/support/item-123': '/support/123-archived-page',
    '/old/docs/item-124': '/docs/124-archived-page',
    '/old/about/item-125': '/about/125-archived-page',
    '/old/careers/item-126': '/careers/126-archived-page',
    '/old/press/item-127': '/press/127-archived-page',
    '/old/blog/item-128': '/blog/128-archived-page',
    '/old/news/item-129': '/news/129-archived-page',
    '/old/products/item-130': '/products/130-archived-page',
    '/old/support/item-131': '/support/131-archived-page',
    '/old/docs/item-132': '/docs/132-archived-page',
    '/old/about/item-133': '/about/133-archived-page',
    '/old/careers/item-134': '/careers/134-archived-page',
};

var countries = { DE: '/de', AT: '/de', CH: '/de', FR: '/fr', BE: '/fr', ES: '/es', MX: '/es', JP: '/ja' };
var tracking = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'fbclid', 'gclid', 'msclkid'];

function normaliseQuery(qs) {
    var out = {};
    var names = Object.keys(qs).sort();
    for (var i = 0; i < names.length; i++) {
        var name = names[i];
        if (tracking.indexOf(name) !== -1) {
            continue;
        }
        var p = qs[name];
        if (p.multiValue) {
            p.multiValue = p.multiValue.slice().sort(function (a, b) {
                return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
            });
            p.value = p.multiValue[0].value;
        }
        out[name] = p;
    }
    return out;
}

function deviceType(h) {
    function yes(name) {
        return h[name] && h[name].value === 'true';
    }
    if (yes('cloudfront-is-smarttv-viewer')) return 'tv';
    if (yes('cloudfront-is-tablet-viewer')) return 'tablet';
    if (yes('cloudfront-is-mobile-viewer')) return 'mobile';
    return 'desktop';
}

function handler(event) {
    var request = event.request;
    var uri = request.uri;
    var target = redirects[uri] || redirects[uri.endsWith('/') ? uri.slice(0, -1) : uri + '/'];
    if (target) {
        return {
            statusCode: 301,
            statusDescription: 'Moved Permanently',
            headers: { location: { value: target }, 'cache-control': { value: 'max-age=3600' } }
        };
    }
    var h = request.headers;
    var country = h['cloudfront-viewer-country'];
    if (uri === '/' && country && countries[country.value]) {
        return {
            statusCode: 302,
            statusDescription: 'Found',
            headers: { location: { value: countries[country.value] + '/' } }
        };
    }
    if (uri.endsWith('/')) {
        request.uri = uri + 'index.html';
    } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
        request.uri = uri + '/index.html';
    }
    request.querystring = normaliseQuery(request.querystring);
    h['x-device-type'] = { value: deviceType(h) };
    var lang = h['accept-language'] ? h['accept-language'].value.split(',')[0].substring(0, 2).toLowerCase() : 'en';
    h['x-lang'] = { value: ['en', 'de', 'fr', 'es', 'ja'].indexOf(lang) === -1 ? 'en' : lang };
    return request;
}
