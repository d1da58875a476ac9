/*
 * accesslog.c: formatting of CloudFront standard log lines.
 *
 * CloudFront URL-encodes field values that could break the tab-separated
 * format or that are not printable ASCII; we do the same for space, tab,
 * '%', '"', '\\', control bytes and bytes >= 0x7f, so a line always has
 * exactly 33 fields and can be split on tabs.
 */
#include "obs/accesslog.h"

#include <stdio.h>

static const char fields_line[] =
    "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) "
    "cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query "
    "cs(Cookie) x-edge-result-type x-edge-request-id x-host-header "
    "cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol "
    "ssl-cipher x-edge-response-result-type cs-protocol-version fle-status "
    "fle-encrypted-fields c-port time-to-first-byte "
    "x-edge-detailed-result-type sc-content-type sc-content-len "
    "sc-range-start sc-range-end\n";

int bk_obs_access_header(bk_buf_t *out)
{
    if (bk_buf_append_cstr(out, "#Version: 1.0\n") != BK_OK)
        return BK_ERR;
    return bk_buf_append(out, fields_line, sizeof(fields_line) - 1);
}

static int needs_escape(uint8_t c)
{
    return c <= 0x20 || c >= 0x7f || c == '%' || c == '"' || c == '\\';
}

int bk_obs_log_escape(bk_buf_t *out, bk_str_t s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (s.n == 0)
        return bk_buf_putc(out, '-');
    if (bk_buf_reserve(out, s.n) != BK_OK)
        return BK_ERR;
    for (size_t i = 0; i < s.n; i++) {
        uint8_t c = s.p[i];
        if (!needs_escape(c)) {
            if (bk_buf_putc(out, c) != BK_OK)
                return BK_ERR;
            continue;
        }
        char e[3] = {'%', hex[c >> 4], hex[c & 15]};
        if (bk_buf_append(out, e, 3) != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

static int tab(bk_buf_t *out) { return bk_buf_putc(out, '\t'); }

static int field(bk_buf_t *out, bk_str_t s)
{
    return bk_obs_log_escape(out, s) == BK_OK && tab(out) == BK_OK ? BK_OK
                                                                    : BK_ERR;
}

static int num_or_dash(bk_buf_t *out, int64_t v)
{
    if (v < 0)
        return bk_buf_append_cstr(out, "-\t");
    return bk_buf_printf(out, "%lld\t", (long long)v);
}

int bk_obs_access_format(bk_buf_t *out, const bk_obs_access_rec_t *r)
{
    size_t start = out->n;
    struct tm tm;
    gmtime_r(&r->start.tv_sec, &tm);
    if (bk_buf_printf(out, "%04d-%02d-%02d\t%02d:%02d:%02d\t",
                      tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                      tm.tm_hour, tm.tm_min, tm.tm_sec) != BK_OK ||
        field(out, r->edge_location) != BK_OK ||
        bk_buf_printf(out, "%llu\t", (unsigned long long)r->sc_bytes) != BK_OK ||
        field(out, r->c_ip) != BK_OK || field(out, r->method) != BK_OK ||
        field(out, r->host) != BK_OK || field(out, r->uri_stem) != BK_OK ||
        bk_buf_printf(out, "%03d\t", r->status) != BK_OK ||
        field(out, r->referer) != BK_OK ||
        field(out, r->user_agent) != BK_OK ||
        field(out, r->uri_query) != BK_OK || field(out, r->cookie) != BK_OK ||
        field(out, r->result_type) != BK_OK ||
        field(out, r->request_id) != BK_OK ||
        field(out, r->host_header) != BK_OK ||
        field(out, r->protocol) != BK_OK ||
        bk_buf_printf(out, "%llu\t%.3f\t", (unsigned long long)r->cs_bytes,
                      r->time_taken) != BK_OK ||
        field(out, r->forwarded_for) != BK_OK ||
        field(out, r->ssl_protocol) != BK_OK ||
        field(out, r->ssl_cipher) != BK_OK ||
        field(out, r->response_result_type) != BK_OK ||
        field(out, r->protocol_version) != BK_OK ||
        /* fle-status, fle-encrypted-fields: field-level encryption is an
         * AWS feature brink does not have. */
        bk_buf_append_cstr(out, "-\t-\t") != BK_OK ||
        bk_buf_printf(out, "%d\t%.3f\t", r->c_port, r->time_to_first_byte) !=
            BK_OK ||
        field(out, r->detailed_result_type) != BK_OK ||
        field(out, r->content_type) != BK_OK ||
        num_or_dash(out, r->content_len) != BK_OK ||
        num_or_dash(out, r->range_start) != BK_OK)
        goto fail;
    if (r->range_end < 0) {
        if (bk_buf_append_cstr(out, "-\n") != BK_OK)
            goto fail;
    } else if (bk_buf_printf(out, "%lld\n", (long long)r->range_end) != BK_OK) {
        goto fail;
    }
    return BK_OK;
fail:
    out->n = start;
    return BK_ERR;
}
