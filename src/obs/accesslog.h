/*
 * accesslog.h: CloudFront standard access log lines (the legacy
 * tab-separated format, 33 fields in CloudFront's order; see
 * ../shared/reference/lambda-edge.md §10).
 *
 * A record holds slices and numbers that live as long as the request; the
 * formatter escapes each field the way CloudFront does (URL-encoding of
 * spaces, tabs, control and non-ASCII bytes, and a few delimiters) and
 * writes '-' for empty ones.
 */
#ifndef BK_OBS_ACCESSLOG_H
#define BK_OBS_ACCESSLOG_H

#include <time.h>

#include "core/buf.h"

typedef struct {
    struct timespec start;      /* when the request arrived (date, time) */
    bk_str_t edge_location;     /* x-edge-location, e.g. "LHR50-P1" */
    uint64_t sc_bytes;          /* bytes sent to the viewer */
    bk_str_t c_ip;
    bk_str_t method;
    bk_str_t host;              /* cs(Host): the distribution's domain */
    bk_str_t uri_stem;
    int status;                 /* 0 → "000": viewer went away first */
    bk_str_t referer;
    bk_str_t user_agent;
    bk_str_t uri_query;
    bk_str_t cookie;
    bk_str_t result_type;       /* Hit, RefreshHit, Miss, Error, ... */
    bk_str_t request_id;        /* = the functions' context.requestId */
    bk_str_t host_header;       /* x-host-header: what the viewer sent */
    bk_str_t protocol;          /* http, https, ws, wss */
    uint64_t cs_bytes;
    double time_taken;          /* seconds */
    bk_str_t forwarded_for;
    bk_str_t ssl_protocol;
    bk_str_t ssl_cipher;
    bk_str_t response_result_type;
    bk_str_t protocol_version;  /* HTTP/1.1 */
    int c_port;
    double time_to_first_byte;  /* seconds */
    bk_str_t detailed_result_type;
    bk_str_t content_type;
    int64_t content_len;        /* -1: unknown */
    int64_t range_start;        /* -1: no range */
    int64_t range_end;
} bk_obs_access_rec_t;

/* The "#Version" and "#Fields" lines that start every log file. */
BK_MUST_CHECK int bk_obs_access_header(bk_buf_t *out);

/* Appends one record as a line (with '\n'). */
BK_MUST_CHECK int bk_obs_access_format(bk_buf_t *out,
                                       const bk_obs_access_rec_t *r);

/* Appends s with CloudFront's log escaping ('-' if empty). */
BK_MUST_CHECK int bk_obs_log_escape(bk_buf_t *out, bk_str_t s);

#endif
