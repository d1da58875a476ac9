/* test_str_buf.c: slices and growable buffers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"

static void test_str_basics(void **state)
{
    (void)state;
    assert_true(bk_str_eq(BK_STR("abc"), bk_str_c("abc")));
    assert_false(bk_str_eq(BK_STR("abc"), BK_STR("abd")));
    assert_true(bk_str_eq_ci(BK_STR("Content-Length"), BK_STR("content-length")));
    assert_false(bk_str_eq_ci(BK_STR("a"), BK_STR("ab")));
    assert_true(bk_str_starts(BK_STR("/images/a.png"), BK_STR("/images/")));
    assert_true(bk_str_ends(BK_STR("/a.png"), BK_STR(".png")));
    assert_int_equal(bk_str_chr(BK_STR("a=b"), '='), 1);
    assert_int_equal(bk_str_chr(BK_STR("ab"), '='), -1);
    bk_str_t t = bk_str_trim(BK_STR(" \t x y \t"));
    assert_true(bk_str_eq(t, BK_STR("x y")));
    assert_true(bk_str_eq(bk_str_sub(BK_STR("hello"), 3, 10), BK_STR("lo")));
    assert_true(bk_str_eq(bk_str_sub(BK_STR("hello"), 9, 1), BK_STR("")));
}

static void test_str_to_u64(void **state)
{
    (void)state;
    uint64_t v;
    assert_int_equal(bk_str_to_u64(BK_STR("12345"), UINT64_MAX, &v), BK_OK);
    assert_int_equal(v, 12345);
    assert_int_equal(bk_str_to_u64(BK_STR(""), UINT64_MAX, &v), BK_ERR);
    assert_int_equal(bk_str_to_u64(BK_STR("+1"), UINT64_MAX, &v), BK_ERR);
    assert_int_equal(bk_str_to_u64(BK_STR("1 "), UINT64_MAX, &v), BK_ERR);
    assert_int_equal(bk_str_to_u64(BK_STR("18446744073709551615"), UINT64_MAX, &v), BK_OK);
    assert_true(v == UINT64_MAX);
    assert_int_equal(bk_str_to_u64(BK_STR("18446744073709551616"), UINT64_MAX, &v), BK_ERR);
    assert_int_equal(bk_str_to_u64(BK_STR("101"), 100, &v), BK_ERR);
    assert_int_equal(bk_str_to_u64(BK_STR("100"), 100, &v), BK_OK);
}

static void test_buf_heap_and_arena(void **state)
{
    (void)state;
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(bk_buf_printf(&b, "%d,", i), BK_OK);
    assert_true(b.n > 3000);
    assert_memory_equal(b.p, "0,1,2,", 6);
    assert_string_equal(bk_buf_cstr(&b) + b.n - 4, "999,");
    bk_buf_free(&b);

    bk_arena_t a;
    bk_arena_init(&a, 128, 4096);
    bk_buf_init(&b, &a);
    int rc = BK_OK;
    size_t i = 0;
    while ((rc = bk_buf_append_cstr(&b, "0123456789")) == BK_OK)
        i++;
    /* The cap stops growth; the content written so far is intact. */
    assert_int_equal(rc, BK_ERR);
    assert_int_equal(b.n, i * 10);
    assert_memory_equal(b.p + b.n - 10, "0123456789", 10);
    bk_arena_destroy(&a);
}

static void test_buf_limit(void **state)
{
    (void)state;
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    b.limit = 10;
    assert_int_equal(bk_buf_append_cstr(&b, "12345"), BK_OK);
    assert_int_equal(bk_buf_append_cstr(&b, "67890"), BK_OK);
    assert_int_equal(bk_buf_putc(&b, 'x'), BK_ERR);
    assert_int_equal(b.n, 10);
    bk_buf_free(&b);
}

static void test_buf_json_str(void **state)
{
    (void)state;
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_buf_append_json_str(&b, BK_STR("a\"b\\c\n\x01")), BK_OK);
    assert_string_equal(bk_buf_cstr(&b), "\"a\\\"b\\\\c\\n\\u0001\"");
    bk_buf_free(&b);
}

static void test_buf_read_file(void **state)
{
    (void)state;
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_buf_read_file(&b, "Makefile"), BK_OK);
    assert_true(b.n > 100);
    bk_buf_free(&b);
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_buf_read_file(&b, "/nonexistent/x"), BK_ERR);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(bk_buf_read_file(&b, "src"), BK_ERR);
    bk_buf_free(&b);
}

static void test_buf_alloc_failure(void **state)
{
    (void)state;
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_buf_append_cstr(&b, "abc"), BK_OK);
    bk_alloc_fail_at(1);
    char big[200];
    memset(big, 'x', sizeof(big));
    assert_int_equal(bk_buf_append(&b, big, sizeof(big)), BK_ERR);
    bk_alloc_fail_at(0);
    assert_int_equal(b.n, 3);
    assert_memory_equal(b.p, "abc", 3);
    bk_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_str_basics),
        cmocka_unit_test(test_str_to_u64),
        cmocka_unit_test(test_buf_heap_and_arena),
        cmocka_unit_test(test_buf_limit),
        cmocka_unit_test(test_buf_json_str),
        cmocka_unit_test(test_buf_read_file),
        cmocka_unit_test(test_buf_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
