/*
 * http1.h: brink's HTTP/1.1 parser and codec (RFC 9112), the security
 * boundary of the edge.
 *
 * Invariants: the parsers never allocate and never look past the bytes they
 * are given; every slice they return points into the caller's buffer. They
 * resume: feed any split of the input (one byte at a time included) and the
 * result is the same as for the whole input, because every decision is taken
 * at the byte where it becomes certain. Anything ambiguous is an error: at an
 * edge, strictness beats leniency (docs/http.md lists the rules).
 */
#ifndef BK_HTTP_HTTP1_H
#define BK_HTTP_HTTP1_H

#include "core/buf.h"
#include "core/str.h"

/* ---- limits (CloudFront's where it has one) ---------------------------- */

/* Longest request-target; longer → 414. */
#define BK_HTTP_MAX_TARGET 8192
/* Largest header section (all field lines and the final CRLF); → 431. */
#define BK_HTTP_MAX_HEAD 32768
/* Longest method token; longer → 400. */
#define BK_HTTP_MAX_METHOD 32
/* Empty lines (CRLF) tolerated before a request-line (RFC 9112 §2.2). */
#define BK_HTTP_MAX_LEADING_CRLF 8
/* Largest chunk-size accepted by default (2^63 - 1; larger → 400). */
#define BK_HTTP_MAX_CHUNK ((uint64_t)INT64_MAX)
/* Longest chunk-ext on one chunk line by default. */
#define BK_HTTP_MAX_CHUNK_EXT 1024
/* Largest trailer section by default (trailers are checked, then dropped). */
#define BK_HTTP_MAX_TRAILER 8192
/* Largest Content-Length accepted (2^63 - 1). */
#define BK_HTTP_MAX_CONTENT_LENGTH ((uint64_t)INT64_MAX)

/* ---- methods ------------------------------------------------------------ */

#define BK_HTTP_METHOD_MAP(X)                                                 \
    X(GET) X(HEAD) X(POST) X(PUT) X(DELETE) X(CONNECT) X(OPTIONS) X(TRACE)    \
    X(PATCH)

typedef enum {
    BK_HTTP_OTHER = 0, /* a valid token we do not know; policy decides */
#define BK__HTTP_METHOD_ENUM(m) BK_HTTP_##m,
    BK_HTTP_METHOD_MAP(BK__HTTP_METHOD_ENUM)
#undef BK__HTTP_METHOD_ENUM
} bk_http_method_t;

/* The method's name ("GET"), "" for BK_HTTP_OTHER. */
const char *bk_http_method_name(bk_http_method_t m);

/* The method id of a token (case-sensitive, as RFC 9110 says). */
bk_http_method_t bk_http_method_id(bk_str_t s);

/* ---- shared pieces of a parsed head ------------------------------------- */

/* One field line. The _off fields are private: the parser keeps offsets
 * while it runs so that the caller's buffer may move between calls. */
typedef struct {
    bk_str_t name;  /* as received (compare with bk_str_eq_ci) */
    bk_str_t value; /* leading and trailing OWS removed */
    uint32_t _name_off;
    uint32_t _value_off;
} bk_http_header_t;

typedef enum {
    BK_HTTP_BODY_NONE = 0, /* no body: the message ends with its head */
    BK_HTTP_BODY_LENGTH,   /* content_length bytes (may be 0) */
    BK_HTTP_BODY_CHUNKED,  /* Transfer-Encoding: chunked */
    BK_HTTP_BODY_CLOSE,    /* responses only: until the origin closes */
} bk_http_body_t;

typedef enum {
    BK_HTTP_FORM_ORIGIN = 0, /* /path?query */
    BK_HTTP_FORM_ABSOLUTE,   /* http://host/path?query */
    BK_HTTP_FORM_AUTHORITY,  /* host:port, CONNECT only */
    BK_HTTP_FORM_ASTERISK,   /* *, OPTIONS only */
} bk_http_form_t;

/* Private scanner state shared by both head parsers. */
typedef struct {
    uint32_t off;       /* bytes of the buffer scanned so far */
    uint8_t state;
    uint8_t crlfs;      /* leading empty lines seen */
    uint8_t major, minor;
    uint8_t idx;        /* position inside a fixed token (version, code) */
    uint32_t nh;        /* field lines stored */
    uint32_t start;     /* offset of the current message's first byte */
    uint32_t tok_off;   /* method / status code / ... start */
    uint32_t tok_len;
    uint32_t tok2_off;  /* target / reason start */
    uint32_t tok2_len;
    uint32_t hdr_start; /* offset of the header section */
    uint32_t line_off;  /* current field line */
    uint32_t name_len;
    uint32_t value_off;
    uint32_t value_end;
    uint32_t status;    /* response status code being read */
} bk_http__scan_t;

/* Framing and connection facts of a parsed head. */
typedef struct {
    bk_http_body_t body;
    uint64_t content_length;  /* valid when a Content-Length was given */
    unsigned keep_alive : 1;  /* the connection may carry another message */
    unsigned has_length : 1;  /* a Content-Length was given */
    unsigned expect_continue : 1; /* Expect: 100-continue */
    unsigned conn_upgrade : 1;    /* Connection lists "upgrade" */
} bk_http_framing_t;

/* ---- request heads ------------------------------------------------------ */

typedef struct bk_http_req {
    /* Set by bk_http_req_init; the caller may shrink the limits after. */
    bk_http_header_t *headers;
    size_t max_headers;       /* more field lines → 431 */
    size_t max_target;        /* longer request-target → 414 */
    size_t max_head;          /* larger header section → 431 */

    /* Results, valid after BK_OK. Slices point into the buffer of the last
     * call. */
    size_t head_len;          /* bytes of the head (with leading CRLFs) */
    size_t nheaders;
    bk_str_t method;
    bk_http_method_t method_id;
    bk_str_t target;          /* the request-target as received */
    bk_http_form_t form;
    bk_str_t scheme;          /* absolute-form only */
    bk_str_t authority;       /* absolute-form and authority-form */
    bk_str_t path;            /* origin/absolute-form; "" means "/" */
    bk_str_t query;           /* after '?', without it; empty if none */
    bk_str_t host;            /* effective: target's authority, else Host */
    int minor;                /* 0 or 1 (HTTP/1.minor) */
    bk_http_framing_t framing;

    /* Results after BK_ERR: the status to answer and a constant for logs.
     * Every error means: answer, then close the connection. */
    int status;
    const char *reason;

    bk_http__scan_t _s;
} bk_http_req_t;

/* Prepares 'r' to parse one request head into 'headers' (room for 'max'),
 * with the default limits. Call again (or bk_http_req_reset) per request. */
void bk_http_req_init(bk_http_req_t *r, bk_http_header_t *headers,
                      size_t max);

/* Forgets a parse in progress, keeping the header array and limits. */
void bk_http_req_reset(bk_http_req_t *r);

/* Parses the request head at buf[0..len). 'buf' must start at the head's
 * first byte and hold every byte given so far (it may move between calls;
 * bytes already seen must not change). BK_OK: complete, r->head_len bytes
 * consumed, results filled in. BK_AGAIN: need more bytes (what was scanned
 * is not scanned again). BK_ERR: r->status (400, 414, 431, 501, 505) and
 * r->reason. */
BK_MUST_CHECK int bk_http_req_parse(bk_http_req_t *r, const uint8_t *buf,
                                    size_t len);

/* ---- response heads (from origins) -------------------------------------- */

typedef struct bk_http_resp {
    bk_http_header_t *headers;
    size_t max_headers;
    size_t max_head;          /* all heads, interim ones included */
    /* Set by the caller before parsing: the request's method, because
     * responses to HEAD have no body. */
    bk_http_method_t req_method;

    size_t head_len;          /* bytes consumed, skipped 1xx heads included */
    size_t nheaders;
    int code;                 /* status code, 200..999 (1xx are skipped) */
    bk_str_t reason_phrase;   /* may be empty */
    int minor;
    unsigned interim;         /* 1xx heads skipped */
    bk_http_framing_t framing;

    /* After BK_ERR: status 502 (the proxy's answer) and a log constant. */
    int status;
    const char *reason;

    bk_http__scan_t _s;
} bk_http_resp_t;

/* Prepares 'r' for one response to a request with method 'req_method'. */
void bk_http_resp_init(bk_http_resp_t *r, bk_http_header_t *headers,
                       size_t max, bk_http_method_t req_method);

/* Parses an origin's response head, skipping 1xx interim heads (except 101,
 * an error: brink never asks for an upgrade). Same contract as
 * bk_http_req_parse; every error is a garbled response → 502. */
BK_MUST_CHECK int bk_http_resp_parse(bk_http_resp_t *r, const uint8_t *buf,
                                     size_t len);

/* ---- header lookup ------------------------------------------------------ */

/* Index of the first field named 'name' (case-insensitive) at or after
 * 'from', or -1. Repeated fields stay in received order: loop with from =
 * previous + 1. */
long bk_http_header_find(const bk_http_header_t *h, size_t n, bk_str_t name,
                         size_t from);

/* The value of the first field named 'name', or BK_STR_NULL. */
bk_str_t bk_http_header_get(const bk_http_header_t *h, size_t n,
                            bk_str_t name);

/* Whether the comma-separated list values of every 'name' field contain
 * 'token' (case-insensitive), as for Connection or Cache-Control. */
int bk_http_header_has_token(const bk_http_header_t *h, size_t n,
                             bk_str_t name, bk_str_t token);

/* ---- bodies ------------------------------------------------------------- */

/* Chunked body decoder state (RFC 9112 §7.1). */
typedef struct {
    uint64_t max_chunk;  /* larger chunk-size → error */
    size_t max_ext;      /* longest chunk-ext per chunk line */
    size_t max_trailer;  /* largest trailer section */
    int status;          /* after BK_ERR: 400 */
    const char *reason;
    uint64_t _left;      /* data bytes left in this chunk / size so far */
    uint32_t _n;         /* digits or ext bytes or trailer bytes so far */
    uint8_t _state;
} bk_http_chunked_t;

/* Prepares a chunked decoder with the default limits. */
void bk_http_chunked_init(bk_http_chunked_t *c);

/* Decodes from in[0..len), consuming *consumed bytes. BK_OK: *data is a
 * slice of 'in' with body bytes (call again for more). BK_AGAIN: all input
 * consumed, need more. BK_DONE: the last chunk and trailers are through;
 * bytes after *consumed belong to the next message. BK_ERR: c->status 400
 * and c->reason (a proxy answers 502 for an origin's body). */
BK_MUST_CHECK int bk_http_chunked_parse(bk_http_chunked_t *c,
                                        const uint8_t *in, size_t len,
                                        size_t *consumed, bk_str_t *data);

/* Decodes into the caller's out[0..cap) (cap > 0), consuming only the
 * input whose body bytes fit. BK_OK: out is full, call again with more
 * room; otherwise as bk_http_chunked_parse (BK_AGAIN: input used up). */
BK_MUST_CHECK int bk_http_chunked_read(bk_http_chunked_t *c,
                                       const uint8_t *in, size_t len,
                                       size_t *consumed, uint8_t *out,
                                       size_t cap, size_t *outn);

/* Decodes in place: on return buf[0..*out) holds the body bytes decoded from
 * buf[0..*consumed), and buf[*consumed..len) is untouched. Returns BK_AGAIN
 * (need more), BK_DONE or BK_ERR as bk_http_chunked_parse. */
BK_MUST_CHECK int bk_http_chunked_decode(bk_http_chunked_t *c, uint8_t *buf,
                                         size_t len, size_t *consumed,
                                         size_t *out);

/* Content-Length body reader. */
typedef struct {
    uint64_t left;
} bk_http_length_t;

/* Prepares a reader for a body of 'n' bytes. */
void bk_http_length_init(bk_http_length_t *l, uint64_t n);

/* Takes body bytes from in[0..len). BK_OK: *data holds bytes and more are
 * due. BK_DONE: the body is complete (*data may hold its last bytes; the
 * bytes after *consumed belong to the next message). BK_AGAIN: len was 0. */
BK_MUST_CHECK int bk_http_length_parse(bk_http_length_t *l, const uint8_t *in,
                                       size_t len, size_t *consumed,
                                       bk_str_t *data);

/* ---- writers ------------------------------------------------------------ */

/* Appends "HTTP/1.<minor> <status> <reason>\r\n", the fields and the empty
 * line. An empty 'reason' uses the standard phrase. BK_ERR (nothing
 * appended) on allocation failure or on a field that would split the
 * message: a name that is not a token, a value with CR, LF, NUL or another
 * control byte. */
BK_MUST_CHECK int bk_http_write_resp_head(bk_buf_t *b, int minor, int status,
                                          bk_str_t reason,
                                          const bk_http_header_t *h,
                                          size_t n);

/* Appends "<method> <target> HTTP/1.1\r\n", the fields and the empty line;
 * same checks (the method must be a token, the target visible ASCII). */
BK_MUST_CHECK int bk_http_write_req_head(bk_buf_t *b, bk_str_t method,
                                         bk_str_t target,
                                         const bk_http_header_t *h, size_t n);

/* Appends one "name: value\r\n" line after the same checks. */
BK_MUST_CHECK int bk_http_write_header(bk_buf_t *b, bk_str_t name,
                                       bk_str_t value);

/* Appends one chunk ("<hex>\r\n" data "\r\n"); n == 0 appends nothing,
 * because a zero-size chunk would end the body. */
BK_MUST_CHECK int bk_http_write_chunk(bk_buf_t *b, const void *p, size_t n);

/* Appends the last chunk and an empty trailer section: "0\r\n\r\n". */
BK_MUST_CHECK int bk_http_write_chunk_end(bk_buf_t *b);

/* The standard reason phrase of a status code, "" if it has none. */
const char *bk_http_status_reason(int status);

/* HTTP dates: core/date.h (the cache reads them too). */

#endif
