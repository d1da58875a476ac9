// Cache-key normalisation: one x-device-type header (desktop, mobile,
// tablet, smarttv) instead of four CloudFront-Is-*-Viewer headers.
function handler(event) {
    var h = event.request.headers;
    var type = 'desktop';
    if (h['cloudfront-is-smarttv-viewer'] && h['cloudfront-is-smarttv-viewer'].value === 'true') {
        type = 'smarttv';
    } else if (h['cloudfront-is-tablet-viewer'] && h['cloudfront-is-tablet-viewer'].value === 'true') {
        type = 'tablet';
    } else if (h['cloudfront-is-mobile-viewer'] && h['cloudfront-is-mobile-viewer'].value === 'true') {
        type = 'mobile';
    }
    h['x-device-type'] = { value: type };
    delete h['cloudfront-is-mobile-viewer'];
    delete h['cloudfront-is-tablet-viewer'];
    delete h['cloudfront-is-smarttv-viewer'];
    delete h['cloudfront-is-desktop-viewer'];
    return event.request;
}
