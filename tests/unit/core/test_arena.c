/* test_arena.c: the arena's cap, alignment, reset/rewind, cleanups and the
 * fail-the-N-th-allocation hook. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"

static void test_alignment(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 64, 0);
    for (size_t n = 1; n < 40; n++) {
        void *p = bk_arena_alloc(&a, n);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % BK_ARENA_ALIGN, 0);
        memset(p, 0xab, n);
    }
    for (size_t al = 16; al <= 256; al *= 2) {
        void *p = bk_arena_alloc_aligned(&a, 3, al);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % al, 0);
    }
    bk_arena_destroy(&a);
}

static void test_cap_enforced(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 1024, 10000);
    size_t got = 0;
    for (;;) {
        void *p = bk_arena_alloc(&a, 100);
        if (p == NULL)
            break;
        got += 100;
        assert_true(got <= 10000);
    }
    /* Failure is clean: flagged, and the arena stays usable below the cap
     * once reset. */
    assert_true(a.failed);
    assert_true(bk_arena_total(&a) <= 10000);
    assert_true(got >= 9000);
    bk_arena_reset(&a);
    assert_false(a.failed);
    assert_non_null(bk_arena_alloc(&a, 100));
    bk_arena_destroy(&a);
}

static void test_cap_single_large(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 4096, 2 * 1024 * 1024);
    assert_null(bk_arena_alloc(&a, 3 * 1024 * 1024));
    assert_non_null(bk_arena_alloc(&a, 1024 * 1024));
    bk_arena_destroy(&a);
}

static void test_reset_keeps_first_chunk(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 256, 0);
    void *first = bk_arena_alloc(&a, 16);
    assert_non_null(first);
    for (int i = 0; i < 100; i++)
        assert_non_null(bk_arena_alloc(&a, 200));
    assert_true(bk_arena_total(&a) > 256);
    bk_arena_reset(&a);
    assert_int_equal(bk_arena_total(&a), 256);
    void *again = bk_arena_alloc(&a, 16);
    assert_ptr_equal(first, again);
    bk_arena_destroy(&a);
}

static void test_rewind(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 128, 0);
    assert_non_null(bk_arena_alloc(&a, 8));
    bk_arena_mark_t m = bk_arena_mark(&a);
    void *p = bk_arena_alloc(&a, 8);
    for (int i = 0; i < 50; i++)
        assert_non_null(bk_arena_alloc(&a, 100));
    bk_arena_rewind(&a, m);
    assert_int_equal(bk_arena_total(&a), 128);
    assert_ptr_equal(bk_arena_alloc(&a, 8), p);
    bk_arena_destroy(&a);
}

static int cleanup_order[4];
static int cleanup_n;
static void record(void *d) { cleanup_order[cleanup_n++] = (int)(intptr_t)d; }

static void test_cleanups_reverse_order(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 0, 0);
    cleanup_n = 0;
    for (intptr_t i = 1; i <= 3; i++)
        assert_int_equal(bk_arena_cleanup_add(&a, record, (void *)i), BK_OK);
    bk_arena_reset(&a);
    assert_int_equal(cleanup_n, 3);
    assert_int_equal(cleanup_order[0], 3);
    assert_int_equal(cleanup_order[2], 1);
    bk_arena_destroy(&a);
    assert_int_equal(cleanup_n, 3);
}

static void test_realloc_in_place(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 1024, 0);
    char *p = bk_arena_alloc(&a, 10);
    memcpy(p, "0123456789", 10);
    char *q = bk_arena_realloc(&a, p, 10, 100);
    assert_ptr_equal(p, q);
    char *r = bk_arena_realloc(&a, q, 100, 4000);
    assert_non_null(r);
    assert_memory_equal(r, "0123456789", 10);
    bk_arena_destroy(&a);
}

/* Builds a small linked list; returns BK_ERR cleanly on any failure. */
static int build_list(bk_arena_t *a, int n)
{
    struct node { struct node *next; int v; } *head = NULL;
    for (int i = 0; i < n; i++) {
        struct node *x = bk_arena_alloc(a, sizeof(*x));
        if (x == NULL)
            return BK_ERR;
        x->v = i;
        x->next = head;
        head = x;
    }
    char *s = bk_arena_strndup(a, "tail", 4);
    return s == NULL ? BK_ERR : BK_OK;
}

static void test_fail_nth_allocation(void **state)
{
    (void)state;
    /* Every single allocation of the sequence is made to fail once; the
     * caller must report it and the arena must remain usable. */
    for (unsigned long n = 1; n <= 12; n++) {
        bk_arena_t a;
        bk_arena_init(&a, 64, 0);
        bk_alloc_fail_at(n);
        int rc = build_list(&a, 10);
        bk_alloc_fail_at(0);
        if (n <= 11)
            assert_int_equal(rc, BK_ERR);
        else
            assert_int_equal(rc, BK_OK);
        bk_arena_reset(&a);
        assert_int_equal(build_list(&a, 10), BK_OK);
        bk_arena_destroy(&a);
    }
    bk_alloc_fail_at(2);
    void *p1 = bk_malloc(8);
    void *p2 = bk_malloc(8);
    void *p3 = bk_malloc(8);
    assert_non_null(p1);
    assert_null(p2);
    assert_non_null(p3);
    bk_free(p1);
    bk_free(p3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment),
        cmocka_unit_test(test_cap_enforced),
        cmocka_unit_test(test_cap_single_large),
        cmocka_unit_test(test_reset_keeps_first_chunk),
        cmocka_unit_test(test_rewind),
        cmocka_unit_test(test_cleanups_reverse_order),
        cmocka_unit_test(test_realloc_in_place),
        cmocka_unit_test(test_fail_nth_allocation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
