/*
 * js_parse.c: fuzz target for the JavaScript parser. Parses the input as
 * cloudfront-js-1.0 and -2.0 under an arena cap. Invariants: the verdict is
 * OK or ERR; an error has a message, a position inside the input (1-based
 * line and column) and oom only when the cap was hit; a tree dumps; 1.0 is
 * a subset of 2.0, and 2.0 of 2.0 with class fields (whatever the smaller
 * language accepts, the larger accepts with the same tree); parsing is
 * deterministic; every node's range lies inside its parent's and the input,
 * and its line and column match its start offset.
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

/* Line and column (code points) of every byte offset, as the lexer counts
 * them: LF, CR, CRLF, U+2028 and U+2029 end lines. */
static void positions(const uint8_t *s, size_t n, uint32_t *line,
                      uint32_t *col)
{
    uint32_t ln = 1, c = 1;
    size_t i;
    for (i = 0; i <= n; i++) {
        line[i] = ln;
        col[i] = c;
        if (i == n)
            break;
        if (s[i] == '\n' ||
            (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n'))) {
            ln++;
            c = 1;
        } else if (s[i] == 0xe2 && i + 2 < n && s[i + 1] == 0x80 &&
                   (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)) {
            line[i + 1] = line[i + 2] = ln;
            col[i + 1] = col[i + 2] = c;
            i += 2;
            ln++;
            c = 1;
        } else if ((s[i] & 0xc0) != 0x80) {
            c++;
        }
    }
}

typedef struct {
    const bk_js_node_t **v;
    size_t n, cap;
    const bk_js_node_t *parent;
} walk_t;

static void push_child(void *ctx, const bk_js_node_t *c)
{
    walk_t *w = ctx;
    CHECK(c->start >= w->parent->start && c->end <= w->parent->end);
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 256;
        w->v = realloc(w->v, w->cap * sizeof(*w->v));
        CHECK(w->v != NULL);
    }
    w->v[w->n++] = c;
}

/* Walks the tree with an explicit stack, checking every node's range and
 * position. */
static void check_tree(const bk_js_node_t *root, const uint8_t *data,
                       size_t size)
{
    uint32_t *line = malloc((size + 1) * sizeof(uint32_t));
    uint32_t *col = malloc((size + 1) * sizeof(uint32_t));
    walk_t w = {NULL, 0, 0, NULL};
    CHECK(line != NULL && col != NULL);
    positions(data, size, line, col);
    CHECK(root->start == 0 && root->end == size);
    w.parent = root;
    push_child(&w, root);
    while (w.n > 0) {
        const bk_js_node_t *n = w.v[--w.n];
        CHECK(n->kind < BK_JS_N__COUNT);
        CHECK(n->start <= n->end && n->end <= size);
        if (n->kind != BK_JS_N_PROGRAM) {
            CHECK(n->line == line[n->start]);
            CHECK(n->col == col[n->start]);
        }
        w.parent = n;
        bk_js_ast_children(n, push_child, &w);
    }
    free(w.v);
    free(line);
    free(col);
}

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
        check_tree(prog, data, size);
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
