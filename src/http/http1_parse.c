/*
 * http1_parse.c: request and response head parsers (RFC 9112 §2-§6).
 *
 * Key invariant: one byte-at-a-time state machine whose state lives in the
 * message struct, so a head split anywhere parses exactly like the whole
 * head: each byte is looked at once, every error is raised at the first byte
 * that makes it certain, and limits are checked at the byte that crosses
 * them. While parsing, only offsets are stored (the caller's buffer may move
 * between calls); slices are made from them when the head is complete.
 * Decisions that need the whole head (framing, Host) are taken at the last
 * LF. Nothing here allocates.
 */
#include "http/http1_int.h"

/* ------------------------------------------------------------------------ */
/* Byte classes                                                             */
/* ------------------------------------------------------------------------ */

/* Generated from the RFC 9110 ABNF; test_chars checks every entry. */
const uint8_t bk_http__ctype[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 68, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    68, 79, 14, 71, 79, 79, 79, 79, 78, 78, 79, 79, 78, 111, 111, 78,
    127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 78, 78, 78, 78, 78, 78,
    78, 127, 127, 127, 127, 127, 127, 111, 111, 111, 111, 111, 111, 111, 111, 111,
    111, 111, 111, 111, 111, 111, 111, 111, 111, 111, 111, 78, 14, 78, 79, 111,
    79, 127, 127, 127, 127, 127, 127, 111, 111, 111, 111, 111, 111, 111, 111, 111,
    111, 111, 111, 111, 111, 111, 111, 111, 111, 111, 111, 78, 79, 78, 111, 0,
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
};

#define IS(c, cls) BK_HTTP__IS(c, cls)

int bk_http__is_token(bk_str_t s)
{
    if (s.n == 0)
        return 0;
    for (size_t i = 0; i < s.n; i++)
        if (!IS(s.p[i], TCHAR))
            return 0;
    return 1;
}

/* Word-at-a-time scanning (SWAR). The long runs of a head are field
 * values and request-targets; these look at 8 bytes per step and stop at a
 * word holding anything unusual, which the byte loop then classifies. The
 * tests are exact for "is there such a byte in the word" (not its position),
 * which is all a stop condition needs. */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
/* Some byte of x is < n (n <= 128). */
#define HAS_LESS(x, n) (((x) - ONES * (n)) & ~(x) & HIGHS)
/* Some byte of x equals b. */
#define HAS_BYTE(x, b) HAS_LESS((x) ^ (ONES * (b)), 1)

static inline uint64_t load64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Index of the first byte in buf[i..stop) that is not a field-value byte
 * (VCHAR, obs-text, SP, HTAB), or stop. */
static inline size_t skip_value(const uint8_t *buf, size_t i, size_t stop)
{
    for (;;) {
        while (stop - i >= 8) {
            uint64_t v = load64(buf + i);
            if (HAS_LESS(v, 0x20) | HAS_BYTE(v, 0x7f))
                break;
            i += 8;
        }
        size_t e = BK_MIN(stop, i + 8);
        while (i < e && BK_HTTP__IS(buf[i], FVAL))
            i++;
        if (i < e || i == stop)
            return i;
    }
}

int bk_http__is_field_value(bk_str_t s)
{
    /* Every header brink writes goes through here: a word at a time. */
    return s.n == 0 || skip_value(s.p, 0, s.n) == s.n;
}

/* The same for request-target bytes (VCHAR except '#'). */
static inline size_t skip_target(const uint8_t *buf, size_t i, size_t stop)
{
    for (;;) {
        while (stop - i >= 8) {
            uint64_t v = load64(buf + i);
            if (HAS_LESS(v, 0x21) | HAS_BYTE(v, '#') |
                ((v | (v + ONES)) & HIGHS))
                break;
            i += 8;
        }
        size_t e = BK_MIN(stop, i + 8);
        while (i < e && BK_HTTP__IS(buf[i], TARGET))
            i++;
        if (i < e || i == stop)
            return i;
    }
}

/* ------------------------------------------------------------------------ */
/* Methods                                                                  */
/* ------------------------------------------------------------------------ */

static const char *const method_names[] = {
    "",
#define NAME(m) #m,
    BK_HTTP_METHOD_MAP(NAME)
#undef NAME
};

const char *bk_http_method_name(bk_http_method_t m)
{
    if ((size_t)m >= BK_COUNTOF(method_names))
        return "";
    return method_names[m];
}

bk_http_method_t bk_http_method_id(bk_str_t s)
{
    /* The common case first; the rest is a short linear scan. */
    if (s.n == 3 && memcmp(s.p, "GET", 3) == 0)
        return BK_HTTP_GET;
    for (size_t m = 1; m < BK_COUNTOF(method_names); m++) {
        size_t n = strlen(method_names[m]);
        if (n == s.n && memcmp(s.p, method_names[m], n) == 0)
            return (bk_http_method_t)m;
    }
    return BK_HTTP_OTHER;
}

/* ------------------------------------------------------------------------ */
/* Error reasons (for logs; tests compare them to know which rule fired)    */
/* ------------------------------------------------------------------------ */

static const char R_BARE_LF[] = "bare LF";
static const char R_BARE_CR[] = "bare CR";
static const char R_EMPTY_LINES[] = "too many empty lines before request";
static const char R_METHOD[] = "invalid method";
static const char R_METHOD_LONG[] = "method too long";
static const char R_SPACES[] = "extra whitespace in start line";
static const char R_TARGET[] = "invalid request-target";
static const char R_TARGET_LONG[] = "request-target too long";
static const char R_NO_VERSION[] = "missing HTTP version";
static const char R_VERSION[] = "invalid HTTP version";
static const char R_VERSION_UNSUPP[] = "HTTP version not supported";
static const char R_ABS_SCHEME[] = "absolute-form scheme not http(s)";
static const char R_ABS_USERINFO[] = "userinfo in request-target";
static const char R_ABS_AUTHORITY[] = "invalid authority in request-target";
static const char R_CONNECT[] = "CONNECT needs authority-form host:port";
static const char R_ASTERISK[] = "asterisk-form outside OPTIONS";
static const char R_WS_FIRST[] = "whitespace before first field line";
static const char R_OBS_FOLD[] = "obs-fold";
static const char R_EMPTY_NAME[] = "empty field name";
static const char R_NAME[] = "invalid byte in field name";
static const char R_WS_COLON[] = "whitespace before colon";
static const char R_VALUE[] = "control byte in field value";
static const char R_TOO_MANY[] = "too many field lines";
static const char R_TOO_LARGE[] = "header section too large";
static const char R_HOST_MISSING[] = "missing Host";
static const char R_HOST_DUP[] = "multiple Host";
static const char R_HOST_BAD[] = "invalid Host";
static const char R_CL_DUP[] = "duplicate Content-Length";
static const char R_CL_BAD[] = "invalid Content-Length";
static const char R_CL_TE[] = "both Content-Length and Transfer-Encoding";
static const char R_TE_10[] = "Transfer-Encoding in HTTP/1.0";
static const char R_TE_BAD[] = "invalid Transfer-Encoding";
static const char R_TE_LAST[] = "chunked is not the final transfer coding";
static const char R_TE_TWICE[] = "chunked applied twice";
static const char R_TE_UNKNOWN[] = "unsupported transfer coding";
static const char R_STATUS_LINE[] = "invalid status line";
static const char R_STATUS_CODE[] = "invalid status code";
static const char R_101[] = "unrequested 101 Switching Protocols";

/* ------------------------------------------------------------------------ */
/* Scanner states                                                           */
/* ------------------------------------------------------------------------ */

enum {
    S_START = 0,  /* request: before the method (empty lines allowed) */
    S_START_LF,
    S_METHOD,
    S_TARGET_START,
    S_TARGET,
    S_VERSION,    /* "HTTP/x.y" then CR; idx counts bytes */
    S_RL_LF,
    S_R_VERSION,  /* response: "HTTP/x.y " */
    S_R_CODE,     /* three digits; idx counts them */
    S_R_REASON,
    S_R_LF,
    S_HDR_START,  /* first byte of a field line, or CR of the empty line */
    S_NAME,
    S_OWS,
    S_VALUE,
    S_HDR_LF,
    S_END_LF,
    S_DONE,
    S_ERR,
};

typedef struct {
    int status;
    const char *reason;
} fail_t;

#define FAIL(st, why)                                                         \
    do {                                                                      \
        f->status = (st);                                                     \
        f->reason = (why);                                                    \
        goto fail;                                                            \
    } while (0)

/* ------------------------------------------------------------------------ */
/* Field lines, shared by requests and responses                            */
/* ------------------------------------------------------------------------ */

/* The common case: a whole, well-formed field line is in buf[*ip..stop).
 * Stores it and moves past it; otherwise changes nothing and returns 0 so
 * the byte-at-a-time states take the line (and find any error at the same
 * byte they always would). */
static inline int fast_line(bk_http__scan_t *s, bk_http_header_t *x,
                            const uint8_t *buf, size_t *ip, size_t stop)
{
    size_t i = *ip, j = i + 1;
    while (j < stop && IS(buf[j], TCHAR))
        j++;
    if (j >= stop || buf[j] != ':')
        return 0;
    size_t name_len = j - i;
    j++;
    while (j < stop && bk_http__is_ows(buf[j]))
        j++;
    size_t vo = j;
    j = skip_value(buf, j, stop);
    if (stop - j < 2 || buf[j] != '\r' || buf[j + 1] != '\n')
        return 0;
    size_t ve = j;
    while (ve > vo && bk_http__is_ows(buf[ve - 1]))
        ve--;
    x->_name_off = (uint32_t)i;
    x->name = bk_str(NULL, name_len);
    x->_value_off = (uint32_t)vo;
    x->value = bk_str(NULL, ve - vo);
    s->nh++;
    *ip = j + 2;
    return 1;
}

/* Scans field lines from *ip until the empty line, storing offsets into
 * h[0..max). Bytes at offsets >= lim are never looked at: reaching lim with
 * more input is "too large" (431). BK_OK: *ip is just past the final LF. */
static int scan_fields(bk_http__scan_t *s, bk_http_header_t *h, size_t max,
                       size_t lim, const uint8_t *buf, size_t len,
                       size_t *ip, fail_t *f)
{
    size_t i = *ip;
    size_t stop = BK_MIN(len, lim);
    uint8_t c;

    while (i < stop) {
        c = buf[i];
        switch (s->state) {
        case S_HDR_START:
            if (c == '\r') {
                s->state = S_END_LF;
                i++;
                break;
            }
            if (!IS(c, TCHAR)) {
                if (c == ' ' || c == '\t')
                    FAIL(400, s->nh == 0 ? R_WS_FIRST : R_OBS_FOLD);
                if (c == ':')
                    FAIL(400, R_EMPTY_NAME);
                FAIL(400, c == '\n' ? R_BARE_LF : R_NAME);
            }
            if (s->nh >= max)
                FAIL(431, R_TOO_MANY);
            if (fast_line(s, &h[s->nh], buf, &i, stop))
                break;
            s->line_off = (uint32_t)i;
            s->state = S_NAME;
            /* fall through */
        case S_NAME:
            while (i < stop && IS(buf[i], TCHAR))
                i++;
            if (i == stop)
                goto out;
            c = buf[i];
            if (c != ':')
                FAIL(400, bk_http__is_ows(c) ? R_WS_COLON
                          : c == '\n'        ? R_BARE_LF
                                             : R_NAME);
            s->name_len = (uint32_t)(i - s->line_off);
            s->state = S_OWS;
            i++;
            break;
        case S_OWS:
            while (i < stop && bk_http__is_ows(buf[i]))
                i++;
            if (i == stop)
                goto out;
            s->value_off = (uint32_t)i;
            s->state = S_VALUE;
            /* fall through */
        case S_VALUE:
            i = skip_value(buf, i, stop);
            if (i == stop)
                goto out;
            c = buf[i];
            if (c != '\r')
                FAIL(400, c == '\n' ? R_BARE_LF : R_VALUE);
            s->value_end = (uint32_t)i;
            s->state = S_HDR_LF;
            i++;
            break;
        case S_HDR_LF: {
            if (c != '\n')
                FAIL(400, R_BARE_CR);
            uint32_t vo = s->value_off, ve = s->value_end;
            while (ve > vo && bk_http__is_ows(buf[ve - 1]))
                ve--;
            bk_http_header_t *x = &h[s->nh++];
            x->_name_off = s->line_off;
            x->name = bk_str(NULL, s->name_len);
            x->_value_off = vo;
            x->value = bk_str(NULL, ve - vo);
            s->state = S_HDR_START;
            i++;
            break;
        }
        case S_END_LF:
            if (c != '\n')
                FAIL(400, R_BARE_CR);
            *ip = i + 1;
            return BK_OK;
        default:
            BK_ASSERT(0);
        }
    }
out:
    *ip = i;
    if (i < len)
        FAIL(431, R_TOO_LARGE);
    return BK_AGAIN;
fail:
    *ip = i;
    return BK_ERR;
}

/* Turns the stored offsets into slices of 'buf'. */
static void materialize(bk_http_header_t *h, size_t n, const uint8_t *buf)
{
    for (size_t k = 0; k < n; k++) {
        h[k].name.p = buf + h[k]._name_off;
        h[k].value.p = buf + h[k]._value_off;
    }
}

/* ------------------------------------------------------------------------ */
/* Field values with meaning for framing                                    */
/* ------------------------------------------------------------------------ */

/* What the Transfer-Encoding lines of a message say, taken together. */
typedef struct {
    unsigned seen, n, chunked, last_chunked, bad;
} te_t;

/* Adds the codings of one Transfer-Encoding value. Strict list syntax: each
 * element a bare token (no parameters, no empty elements). */
static void te_add(te_t *te, bk_str_t v)
{
    size_t i = 0;
    te->seen = 1;
    for (;;) {
        while (i < v.n && bk_http__is_ows(v.p[i]))
            i++;
        size_t st = i;
        while (i < v.n && IS(v.p[i], TCHAR))
            i++;
        if (i == st) {
            te->bad = 1;
            return;
        }
        int ch = bk_str_eq_ci(bk_str(v.p + st, i - st), BK_STR("chunked"));
        te->n++;
        te->chunked += (unsigned)ch;
        te->last_chunked = (unsigned)ch;
        while (i < v.n && bk_http__is_ows(v.p[i]))
            i++;
        if (i == v.n)
            return;
        if (v.p[i] != ',') {
            te->bad = 1;
            return;
        }
        i++;
    }
}

/* Whether the comma-separated list 'v' has the element 'tok' (any case). */
static int list_has(bk_str_t v, bk_str_t tok)
{
    size_t i = 0;
    while (i < v.n) {
        size_t st = i;
        while (i < v.n && v.p[i] != ',')
            i++;
        if (bk_str_eq_ci(bk_str_trim(bk_str(v.p + st, i - st)), tok))
            return 1;
        i++;
    }
    return 0;
}

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* Whether 'a' is uri-host [":" port] as brink accepts it: a reg-name of
 * ALPHA DIGIT - . _ ~ or an IPv6 literal, a port of 1-5 digits <= 65535.
 * CONNECT needs the port. */
static int valid_authority(bk_str_t a, int need_port)
{
    size_t i = 0;
    if (a.n == 0)
        return 0;
    if (a.p[0] == '[') {
        int colon = 0;
        for (i = 1; i < a.n && a.p[i] != ']'; i++) {
            uint8_t c = a.p[i];
            if (c == ':')
                colon = 1;
            else if (!IS(c, HEX) && c != '.')
                return 0;
        }
        if (i == a.n || i == 1 || !colon)
            return 0;
        i++;
    } else {
        while (i < a.n && IS(a.p[i], HOST))
            i++;
        if (i == 0)
            return 0;
    }
    if (i == a.n)
        return !need_port;
    if (a.p[i] != ':')
        return 0;
    i++;
    size_t digits = a.n - i;
    uint32_t port = 0;
    if (digits == 0 || digits > 5)
        return 0;
    for (; i < a.n; i++) {
        if (!is_digit(a.p[i]))
            return 0;
        port = port * 10 + (uint32_t)(a.p[i] - '0');
    }
    return port <= 65535;
}

/* What a message's field lines say about framing, gathered in one pass. */
typedef struct {
    te_t te;
    unsigned cl_n, host_n, close, ka, upgrade, expect;
    uint64_t cl;
    bk_str_t host;
} facts_t;

/* Sets the Connection options brink acts on, in one pass over the list. */
static void conn_tokens(bk_str_t v, facts_t *k)
{
    size_t i = 0;
    while (i < v.n) {
        size_t st = i;
        while (i < v.n && v.p[i] != ',')
            i++;
        bk_str_t t = bk_str_trim(bk_str(v.p + st, i - st));
        if (t.n == 5 && bk_str_eq_ci(t, BK_STR("close")))
            k->close = 1;
        else if (t.n == 10 && bk_str_eq_ci(t, BK_STR("keep-alive")))
            k->ka = 1;
        else if (t.n == 7 && bk_str_eq_ci(t, BK_STR("upgrade")))
            k->upgrade = 1;
        i++;
    }
}

/* Whether the field name 'nm' is 'lc' (lower case, same length), checking
 * the first byte inline because most names differ there. */
static inline int name_is(bk_str_t nm, const char *lc, size_t n)
{
    return (nm.p[0] | 0x20) == (uint8_t)lc[0] &&
           bk_str_eq_ci(nm, bk_str(lc, n));
}

#define NAME_IS(nm, lit) name_is((nm), (lit), sizeof(lit) - 1)

/* Reads the fields that matter for framing. Content-Length must be 1*DIGIT
 * (no sign, no inner space, no list) and may appear once: brink rejects a
 * repeated Content-Length even when the values agree. */
static int gather(const bk_http_header_t *h, size_t n, facts_t *k, fail_t *f)
{
    memset(k, 0, sizeof(*k));
    for (size_t j = 0; j < n; j++) {
        bk_str_t nm = h[j].name, v = h[j].value;
        switch (nm.n) {
        case 4:
            if (NAME_IS(nm, "host")) {
                k->host_n++;
                k->host = v;
            }
            break;
        case 6:
            if (NAME_IS(nm, "expect") &&
                bk_str_eq_ci(v, BK_STR("100-continue")))
                k->expect = 1;
            break;
        case 10:
            if (NAME_IS(nm, "connection"))
                conn_tokens(v, k);
            break;
        case 14:
            if (NAME_IS(nm, "content-length")) {
                if (++k->cl_n > 1)
                    FAIL(400, R_CL_DUP);
                if (bk_str_to_u64(v, BK_HTTP_MAX_CONTENT_LENGTH, &k->cl) !=
                    BK_OK)
                    FAIL(400, R_CL_BAD);
            }
            break;
        case 17:
            if (NAME_IS(nm, "transfer-encoding"))
                te_add(&k->te, v);
            break;
        default:
            break;
        }
    }
    return BK_OK;
fail:
    return BK_ERR;
}

/* Applies RFC 9112 §6.1/§6.3 to the transfer codings: only a lone
 * "chunked" (any case) is accepted. Status 400 unless the list is well
 * formed, ends in chunked and only an unsupported coding precedes it: 501. */
static int check_te(const facts_t *k, int minor, fail_t *f)
{
    if (minor == 0)
        FAIL(400, R_TE_10);
    if (k->cl_n)
        FAIL(400, R_CL_TE);
    if (k->te.bad)
        FAIL(400, R_TE_BAD);
    if (!k->te.last_chunked)
        FAIL(400, R_TE_LAST);
    if (k->te.chunked > 1)
        FAIL(400, R_TE_TWICE);
    if (k->te.n > 1)
        FAIL(501, R_TE_UNKNOWN);
    return BK_OK;
fail:
    return BK_ERR;
}

/* ------------------------------------------------------------------------ */
/* Requests                                                                 */
/* ------------------------------------------------------------------------ */

void bk_http_req_init(bk_http_req_t *r, bk_http_header_t *headers, size_t max)
{
    memset(r, 0, sizeof(*r));
    r->headers = headers;
    r->max_headers = max;
    r->max_target = BK_HTTP_MAX_TARGET;
    r->max_head = BK_HTTP_MAX_HEAD;
}

void bk_http_req_reset(bk_http_req_t *r)
{
    bk_http_req_init(r, r->headers, r->max_headers);
}

/* Checks the request-target against the method and splits it into scheme,
 * authority, path and query (RFC 9112 §3.2). */
static int check_target(bk_http_req_t *r, fail_t *f)
{
    bk_str_t t = r->target;
    size_t i = 0;

    if (r->method_id == BK_HTTP_CONNECT) {
        if (!valid_authority(t, 1))
            FAIL(400, R_CONNECT);
        r->form = BK_HTTP_FORM_AUTHORITY;
        r->authority = t;
        r->host = t;
        return BK_OK;
    }
    if (t.p[0] == '/') {
        r->form = BK_HTTP_FORM_ORIGIN;
        goto path;
    }
    if (t.n == 1 && t.p[0] == '*') {
        if (r->method_id != BK_HTTP_OPTIONS)
            FAIL(400, R_ASTERISK);
        r->form = BK_HTTP_FORM_ASTERISK;
        return BK_OK;
    }
    /* absolute-form: scheme "://" authority path-abempty [ "?" query ] */
    while (i < t.n && t.p[i] != ':')
        i++;
    r->scheme = bk_str(t.p, i);
    if (i == t.n || (!bk_str_eq_ci(r->scheme, BK_STR("http")) &&
                     !bk_str_eq_ci(r->scheme, BK_STR("https")))) {
        /* Neither "/", "*" nor a scheme: not a request-target at all. */
        FAIL(400, i == t.n ? R_TARGET : R_ABS_SCHEME);
    }
    if (t.n - i < 3 || t.p[i + 1] != '/' || t.p[i + 2] != '/')
        FAIL(400, R_ABS_AUTHORITY);
    i += 3;
    size_t a = i;
    while (i < t.n && t.p[i] != '/' && t.p[i] != '?') {
        if (t.p[i] == '@')
            FAIL(400, R_ABS_USERINFO);
        i++;
    }
    r->authority = bk_str(t.p + a, i - a);
    if (!valid_authority(r->authority, 0))
        FAIL(400, R_ABS_AUTHORITY);
    r->form = BK_HTTP_FORM_ABSOLUTE;
    r->host = r->authority;
    t = bk_str(t.p + i, t.n - i);
path:
    {
        long q = bk_str_chr(t, '?');
        if (q < 0) {
            r->path = t;
            r->query = bk_str(t.p + t.n, 0);
        } else {
            r->path = bk_str(t.p, (size_t)q);
            r->query = bk_str(t.p + q + 1, t.n - (size_t)q - 1);
        }
    }
    return BK_OK;
fail:
    return BK_ERR;
}

/* Scans the request-line; BK_OK once its LF is through. */
static int scan_request_line(bk_http_req_t *r, const uint8_t *buf,
                             size_t len, size_t *ip, fail_t *f)
{
    static const char ver[] = "HTTP/";
    bk_http__scan_t *s = &r->_s;
    size_t i = *ip, stop;
    uint8_t c;

    while (i < len) {
        c = buf[i];
        switch (s->state) {
        case S_START:
            if (c == '\r') {
                if (s->crlfs >= BK_HTTP_MAX_LEADING_CRLF)
                    FAIL(400, R_EMPTY_LINES);
                s->state = S_START_LF;
                i++;
                break;
            }
            if (!IS(c, TCHAR))
                FAIL(400, c == '\n' ? R_BARE_LF : R_METHOD);
            s->tok_off = (uint32_t)i;
            s->state = S_METHOD;
            /* fall through */
        case S_METHOD:
            stop = BK_MIN(len, s->tok_off + (size_t)BK_HTTP_MAX_METHOD);
            while (i < stop && IS(buf[i], TCHAR))
                i++;
            if (i == len)
                goto again;
            c = buf[i];
            if (c != ' ')
                FAIL(400, IS(c, TCHAR) ? R_METHOD_LONG : R_METHOD);
            s->tok_len = (uint32_t)(i - s->tok_off);
            s->state = S_TARGET_START;
            i++;
            break;
        case S_START_LF:
            if (c != '\n')
                FAIL(400, R_BARE_CR);
            s->crlfs++;
            s->state = S_START;
            i++;
            break;
        case S_TARGET_START:
            if (!IS(c, TARGET))
                FAIL(400, c == ' ' ? R_SPACES : R_TARGET);
            s->tok2_off = (uint32_t)i;
            s->state = S_TARGET;
            /* fall through */
        case S_TARGET:
            stop = BK_MIN(len, s->tok2_off + r->max_target);
            i = skip_target(buf, i, stop);
            if (i == len)
                goto again;
            c = buf[i];
            if (IS(c, TARGET))
                FAIL(414, R_TARGET_LONG);
            if (c != ' ')
                FAIL(400, c == '\r' || c == '\n' ? R_NO_VERSION : R_TARGET);
            s->tok2_len = (uint32_t)(i - s->tok2_off);
            s->state = S_VERSION;
            s->idx = 0;
            i++;
            break;
        case S_VERSION:
            /* Fast path: the whole "HTTP/1.x\r" is here. The LF is left to
             * S_RL_LF, where every request line ends. */
            if (s->idx == 0 && len - i >= 9 &&
                memcmp(buf + i, "HTTP/1.", 7) == 0 &&
                (buf[i + 7] == '1' || buf[i + 7] == '0') &&
                buf[i + 8] == '\r') {
                s->major = 1;
                s->minor = (uint8_t)(buf[i + 7] - '0');
                s->idx = 9;
                s->state = S_RL_LF;
                i += 9;
                break;
            }
            if (s->idx < 5) {
                if (c != (uint8_t)ver[s->idx])
                    FAIL(400, c == ' ' && s->idx == 0 ? R_SPACES : R_VERSION);
            } else if (s->idx == 5 || s->idx == 7) {
                if (!is_digit(c))
                    FAIL(400, R_VERSION);
                if (s->idx == 5)
                    s->major = (uint8_t)(c - '0');
                else
                    s->minor = (uint8_t)(c - '0');
            } else if (s->idx == 6) {
                if (c != '.')
                    FAIL(400, R_VERSION);
            } else {
                if (c != '\r')
                    FAIL(400, c == ' ' || c == '\t' ? R_SPACES
                              : c == '\n'           ? R_BARE_LF
                                                    : R_VERSION);
                s->state = S_RL_LF;
            }
            s->idx++;
            i++;
            break;
        case S_RL_LF:
            if (c != '\n')
                FAIL(400, R_BARE_CR);
            i++;
            if (s->major != 1 || s->minor > 1)
                FAIL(505, R_VERSION_UNSUPP);
            r->method = bk_str(buf + s->tok_off, s->tok_len);
            r->method_id = bk_http_method_id(r->method);
            r->target = bk_str(buf + s->tok2_off, s->tok2_len);
            r->minor = s->minor;
            if (check_target(r, f) != BK_OK)
                goto fail;
            s->hdr_start = (uint32_t)i;
            s->state = S_HDR_START;
            *ip = i;
            return BK_OK;
        default:
            BK_ASSERT(0);
        }
    }
again:
    *ip = i;
    return BK_AGAIN;
fail:
    *ip = i;
    return BK_ERR;
}

/* The decisions taken at the head's last byte (RFC 9112 §3.2, §6, §9.3). */
static int finish_req(bk_http_req_t *r, const uint8_t *buf, fail_t *f)
{
    bk_http__scan_t *s = &r->_s;
    facts_t k;

    /* Re-derive the request-line slices: 'buf' may have moved since. */
    r->method = bk_str(buf + s->tok_off, s->tok_len);
    r->target = bk_str(buf + s->tok2_off, s->tok2_len);
    r->scheme = r->authority = r->path = r->query = r->host = BK_STR_NULL;
    if (check_target(r, f) != BK_OK)
        return BK_ERR;
    r->nheaders = s->nh;
    materialize(r->headers, r->nheaders, buf);
    if (gather(r->headers, r->nheaders, &k, f) != BK_OK)
        return BK_ERR;

    if (k.host_n > 1)
        FAIL(400, R_HOST_DUP);
    if (k.host_n == 0 && r->minor == 1)
        FAIL(400, R_HOST_MISSING);
    if (k.host_n == 1 && !valid_authority(k.host, 0))
        FAIL(400, R_HOST_BAD);
    if (r->host.p == NULL)
        r->host = k.host_n ? k.host : bk_str(buf, 0);

    bk_http_framing_t *fr = &r->framing;
    memset(fr, 0, sizeof(*fr));
    if (k.te.seen) {
        if (check_te(&k, r->minor, f) != BK_OK)
            return BK_ERR;
        fr->body = BK_HTTP_BODY_CHUNKED;
    } else if (k.cl_n) {
        fr->body = BK_HTTP_BODY_LENGTH;
        fr->has_length = 1;
        fr->content_length = k.cl;
    } else {
        fr->body = BK_HTTP_BODY_NONE;
    }
    fr->keep_alive = r->minor == 1 ? !k.close : (k.ka && !k.close);
    /* RFC 9110 §10.1.1: 100-continue in an HTTP/1.0 request is ignored. */
    fr->expect_continue = k.expect != 0 && r->minor == 1;
    fr->conn_upgrade = k.upgrade != 0;
    return BK_OK;
fail:
    return BK_ERR;
}

int bk_http_req_parse(bk_http_req_t *r, const uint8_t *buf, size_t len)
{
    bk_http__scan_t *s = &r->_s;
    fail_t fl = {0, NULL};
    size_t i = s->off;
    int rc;

    if (s->state == S_ERR)
        return BK_ERR;
    if (s->state == S_DONE)
        return BK_OK;
    BK_ASSERT(len >= i);
    BK_ASSERT(r->max_head <= (1u << 30) && r->max_target <= (1u << 30));

    if (s->state < S_HDR_START) {
        rc = scan_request_line(r, buf, len, &i, &fl);
        if (rc != BK_OK)
            goto out;
    }
    rc = scan_fields(s, r->headers, r->max_headers,
                     (size_t)s->hdr_start + r->max_head, buf, len, &i, &fl);
    if (rc != BK_OK)
        goto out;
    rc = finish_req(r, buf, &fl);
    if (rc == BK_OK) {
        s->state = S_DONE;
        r->head_len = i;
    }
out:
    s->off = (uint32_t)i;
    if (rc == BK_ERR) {
        s->state = S_ERR;
        r->status = fl.status;
        r->reason = fl.reason;
    }
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Responses                                                                */
/* ------------------------------------------------------------------------ */

void bk_http_resp_init(bk_http_resp_t *r, bk_http_header_t *headers,
                       size_t max, bk_http_method_t req_method)
{
    memset(r, 0, sizeof(*r));
    r->headers = headers;
    r->max_headers = max;
    r->max_head = BK_HTTP_MAX_HEAD;
    r->req_method = req_method;
    r->_s.state = S_R_VERSION;
}

/* Scans "HTTP/1.x NNN reason\r\n". The reason may be empty, and the space
 * before it may be missing (origins do that; the phrase means nothing). */
static int scan_status_line(bk_http_resp_t *r, const uint8_t *buf,
                            size_t len, size_t lim, size_t *ip, fail_t *f)
{
    static const char ver[] = "HTTP/";
    bk_http__scan_t *s = &r->_s;
    size_t i = *ip, stop = BK_MIN(len, lim);
    uint8_t c;

    while (i < stop) {
        c = buf[i];
        switch (s->state) {
        case S_R_VERSION:
            if (s->idx < 5) {
                if (c != (uint8_t)ver[s->idx])
                    FAIL(502, R_STATUS_LINE);
            } else if (s->idx == 5 || s->idx == 7) {
                if (!is_digit(c))
                    FAIL(502, R_STATUS_LINE);
                if (s->idx == 5)
                    s->major = (uint8_t)(c - '0');
                else
                    s->minor = (uint8_t)(c - '0');
            } else if (s->idx == 6) {
                if (c != '.')
                    FAIL(502, R_STATUS_LINE);
            } else {
                if (c != ' ')
                    FAIL(502, R_STATUS_LINE);
                s->state = S_R_CODE;
                s->idx = 0;
                s->status = 0;
                i++;
                break;
            }
            s->idx++;
            i++;
            break;
        case S_R_CODE:
            if (s->idx < 3) {
                if (!is_digit(c))
                    FAIL(502, R_STATUS_CODE);
                s->status = s->status * 10 + (uint32_t)(c - '0');
                s->idx++;
            } else if (c == ' ') {
                s->tok2_off = (uint32_t)(i + 1);
                s->state = S_R_REASON;
            } else if (c == '\r') {
                s->tok2_off = (uint32_t)i;
                s->tok2_len = 0;
                s->state = S_R_LF;
            } else {
                FAIL(502, R_STATUS_CODE);
            }
            i++;
            break;
        case S_R_REASON:
            i = skip_value(buf, i, stop);
            if (i == stop)
                goto out;
            c = buf[i];
            if (c != '\r')
                FAIL(502, c == '\n' ? R_BARE_LF : R_STATUS_LINE);
            s->tok2_len = (uint32_t)(i - s->tok2_off);
            s->state = S_R_LF;
            i++;
            break;
        case S_R_LF:
            if (c != '\n')
                FAIL(502, R_BARE_CR);
            i++;
            if (s->major != 1 || s->minor > 1)
                FAIL(502, R_VERSION_UNSUPP);
            if (s->status < 100)
                FAIL(502, R_STATUS_CODE);
            s->hdr_start = (uint32_t)i;
            s->state = S_HDR_START;
            *ip = i;
            return BK_OK;
        default:
            BK_ASSERT(0);
        }
    }
out:
    *ip = i;
    if (i < len)
        FAIL(502, R_TOO_LARGE);
    return BK_AGAIN;
fail:
    *ip = i;
    return BK_ERR;
}

/* Decides framing for a response (RFC 9112 §6.3). Returns BK_DECLINED for
 * a 1xx head, which the caller skips. */
static int finish_resp(bk_http_resp_t *r, const uint8_t *buf, fail_t *f)
{
    bk_http__scan_t *s = &r->_s;
    facts_t k;
    int code = (int)s->status;

    if (code >= 100 && code < 200) {
        if (code == 101)
            FAIL(502, R_101);
        return BK_DECLINED;
    }
    r->code = code;
    r->minor = s->minor;
    r->reason_phrase = bk_str(buf + s->tok2_off, s->tok2_len);
    r->nheaders = s->nh;
    materialize(r->headers, r->nheaders, buf);
    if (gather(r->headers, r->nheaders, &k, f) != BK_OK)
        return BK_ERR;
    if (k.te.seen && check_te(&k, r->minor, f) != BK_OK)
        return BK_ERR;

    bk_http_framing_t *fr = &r->framing;
    memset(fr, 0, sizeof(*fr));
    fr->content_length = k.cl;
    fr->has_length = k.cl_n > 0;
    if (r->req_method == BK_HTTP_HEAD || code == 204 || code == 304)
        fr->body = BK_HTTP_BODY_NONE;
    else if (k.te.seen)
        fr->body = BK_HTTP_BODY_CHUNKED;
    else if (k.cl_n)
        fr->body = BK_HTTP_BODY_LENGTH;
    else
        fr->body = BK_HTTP_BODY_CLOSE;
    fr->keep_alive = (r->minor == 1 ? !k.close : (k.ka && !k.close)) &&
                     fr->body != BK_HTTP_BODY_CLOSE;
    fr->conn_upgrade = k.upgrade != 0;
    return BK_OK;
fail:
    return BK_ERR;
}

int bk_http_resp_parse(bk_http_resp_t *r, const uint8_t *buf, size_t len)
{
    bk_http__scan_t *s = &r->_s;
    fail_t fl = {0, NULL};
    size_t i = s->off;
    int rc;

    if (s->state == S_ERR)
        return BK_ERR;
    if (s->state == S_DONE)
        return BK_OK;
    BK_ASSERT(len >= i);
    BK_ASSERT(r->max_head <= (1u << 30));

    for (;;) {
        if (s->state < S_HDR_START) {
            rc = scan_status_line(r, buf, len, r->max_head, &i, &fl);
            if (rc != BK_OK)
                break;
        }
        rc = scan_fields(s, r->headers, r->max_headers, r->max_head, buf,
                         len, &i, &fl);
        if (rc != BK_OK)
            break;
        rc = finish_resp(r, buf, &fl);
        if (rc != BK_DECLINED)
            break;
        /* An interim 1xx head: forget it and read the next one. */
        r->interim++;
        s->state = S_R_VERSION;
        s->idx = 0;
        s->nh = 0;
        s->start = (uint32_t)i;
    }
    if (rc == BK_OK) {
        s->state = S_DONE;
        r->head_len = i;
    }
    s->off = (uint32_t)i;
    if (rc == BK_ERR) {
        s->state = S_ERR;
        r->status = 502;
        r->reason = fl.reason;
    }
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Header lookup                                                            */
/* ------------------------------------------------------------------------ */

long bk_http_header_find(const bk_http_header_t *h, size_t n, bk_str_t name,
                         size_t from)
{
    for (size_t j = from; j < n; j++)
        if (bk_str_eq_ci(h[j].name, name))
            return (long)j;
    return -1;
}

bk_str_t bk_http_header_get(const bk_http_header_t *h, size_t n,
                            bk_str_t name)
{
    long j = bk_http_header_find(h, n, name, 0);
    return j < 0 ? BK_STR_NULL : h[j].value;
}

int bk_http_header_has_token(const bk_http_header_t *h, size_t n,
                             bk_str_t name, bk_str_t token)
{
    for (long j = bk_http_header_find(h, n, name, 0); j >= 0;
         j = bk_http_header_find(h, n, name, (size_t)j + 1))
        if (list_has(h[j].value, token))
            return 1;
    return 0;
}
