/*
 * http1_int.h: what the files of src/http share and nobody else needs: the
 * byte classes of RFC 9110/9112 as one 256-entry table.
 */
#ifndef BK_HTTP_HTTP1_INT_H
#define BK_HTTP_HTTP1_INT_H

#include "http/http1.h"

enum {
    BK_HTTP__TCHAR = 1,   /* token: ALPHA DIGIT !#$%&'*+-.^_`|~ */
    BK_HTTP__FVCHAR = 2,  /* field-vchar: VCHAR / obs-text */
    BK_HTTP__FVAL = 4,    /* field-value byte: field-vchar / SP / HTAB */
    BK_HTTP__TARGET = 8,  /* request-target byte: VCHAR except '#' */
    BK_HTTP__HEX = 16,    /* HEXDIG */
    BK_HTTP__HOST = 32,   /* host byte: ALPHA DIGIT - . _ ~ */
    BK_HTTP__QDTEXT = 64, /* quoted-string text: qdtext */
};

/* Byte classes, a bit set per byte value. */
extern const uint8_t bk_http__ctype[256];

#define BK_HTTP__IS(c, cls) (bk_http__ctype[(uint8_t)(c)] & BK_HTTP__##cls)

static inline int bk_http__is_ows(uint8_t c) { return c == ' ' || c == '\t'; }

/* Whether 's' is a non-empty token. */
int bk_http__is_token(bk_str_t s);

/* Whether 's' may be sent as a field value (no CTL but HTAB). */
int bk_http__is_field_value(bk_str_t s);

#endif
