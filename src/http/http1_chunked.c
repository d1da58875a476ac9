/*
 * http1_chunked.c: message body readers: the chunked decoder (RFC 9112
 * §7.1) and the Content-Length reader.
 *
 * Key invariant: like the head parsers, a byte-at-a-time state machine with
 * its state in the decoder, so any split of the input yields the same body
 * bytes and the same verdict. Data is handed out as slices of the input (no
 * copy); bk_http_chunked_decode compacts them in place for callers that
 * want the body contiguous. Chunk sizes, extensions and trailers are capped
 * because each is attacker-controlled work that produces no body bytes.
 */
#include "http/http1_int.h"

#define IS(c, cls) BK_HTTP__IS(c, cls)

enum {
    C_SIZE_START = 0, /* first hex digit of a chunk-size */
    C_SIZE,           /* more hex digits */
    C_EXT_SEMI,       /* BWS before ';' (after size or value) */
    C_EXT_NAME_START, /* BWS after ';' */
    C_EXT_NAME,
    C_EXT_EQ,         /* BWS after a name: '=' or ';' */
    C_EXT_VAL_START,  /* BWS after '=' */
    C_EXT_VAL,        /* token value */
    C_EXT_QS,         /* inside a quoted-string */
    C_EXT_QP,         /* after a backslash in it */
    C_EXT_QEND,       /* after the closing quote */
    C_SIZE_LF,
    C_DATA,
    C_DATA_CR,
    C_DATA_LF,
    C_TR_START,       /* a trailer line or the final CRLF */
    C_TR_NAME,
    C_TR_VALUE,
    C_TR_LF,
    C_TR_END_LF,
    C_DONE,
    C_ERR,
};

static const char R_SIZE[] = "invalid chunk-size";
static const char R_SIZE_BIG[] = "chunk-size too large";
static const char R_EXT[] = "invalid chunk-ext";
static const char R_EXT_LONG[] = "chunk-ext too long";
static const char R_CRLF[] = "chunk data not followed by CRLF";
static const char R_LINE[] = "bare CR or LF in chunk line";
static const char R_TRAILER[] = "invalid trailer field";
static const char R_TRAILER_BIG[] = "trailer section too large";

void bk_http_chunked_init(bk_http_chunked_t *c)
{
    memset(c, 0, sizeof(*c));
    c->max_chunk = BK_HTTP_MAX_CHUNK;
    c->max_ext = BK_HTTP_MAX_CHUNK_EXT;
    c->max_trailer = BK_HTTP_MAX_TRAILER;
}

static int hexval(uint8_t b)
{
    if (b >= '0' && b <= '9')
        return b - '0';
    return (b | 0x20) - 'a' + 10;
}

#define FAIL(why)                                                             \
    do {                                                                      \
        c->reason = (why);                                                    \
        goto fail;                                                            \
    } while (0)

/* Moves to 'st' after an ext byte, counting it against max_ext. */
#define EXT(st)                                                               \
    do {                                                                      \
        if (++c->_n > c->max_ext)                                             \
            FAIL(R_EXT_LONG);                                                 \
        c->_state = (st);                                                     \
    } while (0)

/* The decoder proper; hands out at most 'most' (>= 1) data bytes per
 * call, so that bk_http_chunked_read can stop at the end of its buffer. */
static int parse(bk_http_chunked_t *c, const uint8_t *in, size_t len,
                 size_t *consumed, bk_str_t *data, size_t most)
{
    size_t i = 0;
    uint8_t b;

    *data = bk_str(in, 0);
    if (c->_state == C_ERR) {
        *consumed = 0;
        return BK_ERR;
    }
    if (c->_state == C_DONE) {
        *consumed = 0;
        return BK_DONE;
    }
    while (i < len) {
        b = in[i];
        switch (c->_state) {
        case C_SIZE_START:
            if (!IS(b, HEX))
                FAIL(R_SIZE);
            c->_left = 0;
            c->_n = 0;
            c->_state = C_SIZE;
            /* fall through */
        case C_SIZE:
            if (IS(b, HEX)) {
                /* 16 digits hold any 64-bit value; more are only zeros an
                 * attacker pads with, or an overflow. */
                if (++c->_n > 16 || c->_left > (c->max_chunk >> 4))
                    FAIL(R_SIZE_BIG);
                c->_left = (c->_left << 4) | (uint64_t)hexval(b);
                if (c->_left > c->max_chunk)
                    FAIL(R_SIZE_BIG);
                break;
            }
            c->_n = 0;
            if (b == '\r')
                c->_state = C_SIZE_LF;
            else if (b == ';')
                EXT(C_EXT_NAME_START);
            else if (bk_http__is_ows(b))
                EXT(C_EXT_SEMI);
            else
                FAIL(b == '\n' ? R_LINE : R_SIZE);
            break;
        case C_EXT_SEMI:
        case C_EXT_QEND:
            if (bk_http__is_ows(b))
                EXT(C_EXT_SEMI);
            else if (b == ';')
                EXT(C_EXT_NAME_START);
            else if (b == '\r' && c->_state == C_EXT_QEND)
                c->_state = C_SIZE_LF;
            else
                FAIL(R_EXT);
            break;
        case C_EXT_NAME_START:
            if (bk_http__is_ows(b))
                EXT(C_EXT_NAME_START);
            else if (IS(b, TCHAR))
                EXT(C_EXT_NAME);
            else
                FAIL(R_EXT);
            break;
        case C_EXT_NAME:
        case C_EXT_VAL:
            if (IS(b, TCHAR))
                EXT(c->_state);
            else if (b == '\r')
                c->_state = C_SIZE_LF;
            else if (b == ';')
                EXT(C_EXT_NAME_START);
            else if (b == '=' && c->_state == C_EXT_NAME)
                EXT(C_EXT_VAL_START);
            else if (bk_http__is_ows(b))
                EXT(c->_state == C_EXT_NAME ? C_EXT_EQ : C_EXT_SEMI);
            else
                FAIL(R_EXT);
            break;
        case C_EXT_EQ:
            if (bk_http__is_ows(b))
                EXT(C_EXT_EQ);
            else if (b == '=')
                EXT(C_EXT_VAL_START);
            else if (b == ';')
                EXT(C_EXT_NAME_START);
            else
                FAIL(R_EXT);
            break;
        case C_EXT_VAL_START:
            if (bk_http__is_ows(b))
                EXT(C_EXT_VAL_START);
            else if (IS(b, TCHAR))
                EXT(C_EXT_VAL);
            else if (b == '"')
                EXT(C_EXT_QS);
            else
                FAIL(R_EXT);
            break;
        case C_EXT_QS:
            if (b == '"')
                EXT(C_EXT_QEND);
            else if (b == '\\')
                EXT(C_EXT_QP);
            else if (IS(b, QDTEXT))
                EXT(C_EXT_QS);
            else
                FAIL(R_EXT);
            break;
        case C_EXT_QP:
            if (!IS(b, FVAL))
                FAIL(R_EXT);
            EXT(C_EXT_QS);
            break;
        case C_SIZE_LF:
            if (b != '\n')
                FAIL(R_LINE);
            c->_n = 0;
            c->_state = c->_left == 0 ? C_TR_START : C_DATA;
            break;
        case C_DATA: {
            size_t take = BK_MIN(len - i, most);
            if ((uint64_t)take > c->_left)
                take = (size_t)c->_left;
            c->_left -= take;
            if (c->_left == 0)
                c->_state = C_DATA_CR;
            *data = bk_str(in + i, take);
            *consumed = i + take;
            return BK_OK;
        }
        case C_DATA_CR:
            if (b != '\r')
                FAIL(R_CRLF);
            c->_state = C_DATA_LF;
            break;
        case C_DATA_LF:
            if (b != '\n')
                FAIL(R_CRLF);
            c->_state = C_SIZE_START;
            break;
        case C_TR_START:
            if (++c->_n > c->max_trailer)
                FAIL(R_TRAILER_BIG);
            if (b == '\r')
                c->_state = C_TR_END_LF;
            else if (IS(b, TCHAR))
                c->_state = C_TR_NAME;
            else
                FAIL(R_TRAILER);
            break;
        case C_TR_NAME:
            if (++c->_n > c->max_trailer)
                FAIL(R_TRAILER_BIG);
            if (b == ':')
                c->_state = C_TR_VALUE;
            else if (!IS(b, TCHAR))
                FAIL(R_TRAILER);
            break;
        case C_TR_VALUE:
            if (++c->_n > c->max_trailer)
                FAIL(R_TRAILER_BIG);
            if (b == '\r')
                c->_state = C_TR_LF;
            else if (!IS(b, FVAL))
                FAIL(R_TRAILER);
            break;
        case C_TR_LF:
            if (++c->_n > c->max_trailer)
                FAIL(R_TRAILER_BIG);
            if (b != '\n')
                FAIL(R_TRAILER);
            c->_state = C_TR_START;
            break;
        case C_TR_END_LF:
            if (b != '\n')
                FAIL(R_TRAILER);
            c->_state = C_DONE;
            *consumed = i + 1;
            return BK_DONE;
        default:
            BK_ASSERT(0);
        }
        i++;
    }
    *consumed = i;
    return BK_AGAIN;
fail:
    c->_state = C_ERR;
    c->status = 400;
    *consumed = i;
    return BK_ERR;
}

int bk_http_chunked_parse(bk_http_chunked_t *c, const uint8_t *in,
                          size_t len, size_t *consumed, bk_str_t *data)
{
    return parse(c, in, len, consumed, data, SIZE_MAX);
}

int bk_http_chunked_read(bk_http_chunked_t *c, const uint8_t *in, size_t len,
                         size_t *consumed, uint8_t *out, size_t cap,
                         size_t *outn)
{
    size_t at = 0, w = 0, used;
    bk_str_t d;
    int rc;

    BK_ASSERT(cap > 0);
    for (;;) {
        rc = parse(c, in + at, len - at, &used, &d, cap - w);
        if (d.n) {
            memcpy(out + w, d.p, d.n);
            w += d.n;
        }
        at += used;
        if (rc != BK_OK || w == cap)
            break;
    }
    *consumed = at;
    *outn = w;
    return rc;
}

int bk_http_chunked_decode(bk_http_chunked_t *c, uint8_t *buf, size_t len,
                           size_t *consumed, size_t *out)
{
    size_t at = 0, w = 0, used;
    bk_str_t d;
    int rc;

    for (;;) {
        rc = bk_http_chunked_parse(c, buf + at, len - at, &used, &d);
        if (d.n) {
            /* The write point never passes the read point: framing bytes
             * are dropped, never added. */
            memmove(buf + w, d.p, d.n);
            w += d.n;
        }
        at += used;
        if (rc != BK_OK)
            break;
    }
    *consumed = at;
    *out = w;
    return rc;
}

/* ------------------------------------------------------------------------ */
/* Content-Length bodies                                                    */
/* ------------------------------------------------------------------------ */

void bk_http_length_init(bk_http_length_t *l, uint64_t n) { l->left = n; }

int bk_http_length_parse(bk_http_length_t *l, const uint8_t *in, size_t len,
                         size_t *consumed, bk_str_t *data)
{
    size_t take = len;
    if ((uint64_t)take > l->left)
        take = (size_t)l->left;
    l->left -= take;
    *data = bk_str(in, take);
    *consumed = take;
    if (l->left == 0)
        return BK_DONE;
    return take ? BK_OK : BK_AGAIN;
}
