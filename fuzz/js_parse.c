/*
 * js_parse.c: fuzz target for the JavaScript parser. Parses the input as
 * cloudfront-js-1.0 and -2.0 under an arena cap. Invariants: the verdict is
 * OK or ERR; an error has a message, a position inside the input (1-based
 * line and column) and oom only when the cap was hit; a tree dumps; 1.0 is
 * a subset of 2.0, and 2.0 of 2.0 with class fields (whatever the smaller
 * language accepts, the larger accepts with the same tree); parsing is
 * deterministic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/parse.h"

#define CHECK(x)                                                              \
    do {                                                                      \
        if (!(x)) {                                                           \
            fprintf(stderr, "invariant failed: %s (%s:%d)\n", #x, __FILE__,   \
                    __LINE__);                                                \
            abort();                                                          \
        }                                                                     \
    } while (0)

/* Parses and returns the dump (heap, caller frees) or NULL on error. */
static char *run(const uint8_t *data, size_t size, bk_js_lang_t lang,
                 unsigned opts, bk_js_syntax_error_t *e)
{
    bk_arena_t a;
    bk_js_node_t *prog = NULL;
    char *out = NULL;
    int rc;
    bk_arena_init(&a, 0, 8u << 20);
    rc = bk_js_parse_ex(&a, data, size, lang, opts, &prog, e);
    CHECK(rc == BK_OK || rc == BK_ERR);
    if (rc == BK_OK) {
        bk_buf_t b;
        CHECK(prog != NULL && prog->kind == BK_JS_N_PROGRAM);
        CHECK(prog->end == size);
        bk_buf_init(&b, NULL);
        CHECK(bk_js_ast_dump(&b, prog) == BK_OK);
        out = bk_buf_cstr(&b);
        CHECK(out != NULL);
    } else {
        CHECK(prog == NULL);
        CHECK(e->msg[0] != 0);
        CHECK(e->line >= 1 && e->col >= 1);
        CHECK(e->offset <= size);
        CHECK(e->col <= e->offset + 1);
        CHECK(!e->oom || strcmp(e->msg, "out of memory") == 0);
    }
    bk_arena_destroy(&a);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bk_js_syntax_error_t e1, e2, e3, e4;
    char *d1, *d2, *d3, *d4;
    if (size > (1u << 20))
        return 0;
    d1 = run(data, size, BK_JS_LANG_CF1, 0, &e1);
    d2 = run(data, size, BK_JS_LANG_CF2, 0, &e2);
    d4 = run(data, size, BK_JS_LANG_CF2, BK_JS_PARSE_CLASS_FIELDS, &e4);
    if (d1 != NULL && !e2.oom) {
        CHECK(d2 != NULL);
        CHECK(strcmp(d1, d2) == 0);
    }
    if (d2 != NULL && !e4.oom) {
        CHECK(d4 != NULL);
        CHECK(strcmp(d2, d4) == 0);
    }
    d3 = run(data, size, BK_JS_LANG_CF2, 0, &e3);
    CHECK((d2 == NULL) == (d3 == NULL));
    if (d2 != NULL)
        CHECK(strcmp(d2, d3) == 0);
    else
        CHECK(strcmp(e2.msg, e3.msg) == 0 && e2.offset == e3.offset);
    free(d1);
    free(d2);
    free(d3);
    free(d4);
    return 0;
}
