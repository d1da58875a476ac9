/*
 * defs.h: status codes and the handful of macros every module uses.
 *
 * Invariant: functions that can fail return one of the BK_* codes below (or
 * NULL for pointers) and are marked BK_MUST_CHECK so a dropped error is a
 * compile-time warning.
 */
#ifndef BK_CORE_DEFS_H
#define BK_CORE_DEFS_H

#include <stddef.h>
#include <stdint.h>

/* Status codes, as an X-macro so names and strings stay in step. */
#define BK_STATUS_MAP(X)                                                      \
    X(OK, 0, "ok")                                                            \
    X(ERR, -1, "error")                                                       \
    X(AGAIN, -2, "again")                                                     \
    X(DECLINED, -3, "declined")                                               \
    X(DONE, -4, "done")

enum {
#define BK__STATUS_ENUM(name, val, text) BK_##name = (val),
    BK_STATUS_MAP(BK__STATUS_ENUM)
#undef BK__STATUS_ENUM
};

/* The text of a status code ("ok", "again", ...), "unknown" otherwise. */
const char *bk_status_str(int status);

#define BK_LIKELY(x) __builtin_expect(!!(x), 1)
#define BK_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define BK_MUST_CHECK __attribute__((warn_unused_result))
#define BK_NORETURN __attribute__((noreturn))
#define BK_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define BK_UNUSED(x) ((void)(x))
#define BK_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))
#define BK_MIN(a, b) ((a) < (b) ? (a) : (b))
#define BK_MAX(a, b) ((a) > (b) ? (a) : (b))
#define BK_ALIGN_UP(n, a) (((n) + ((a)-1)) & ~((size_t)(a)-1))

/* Crashes with file:line when a broken invariant is found; never compiled
 * out, because a silent corrupt state in an edge server is worse. */
#define BK_ASSERT(cond)                                                       \
    do {                                                                      \
        if (BK_UNLIKELY(!(cond)))                                             \
            bk_assert_fail(#cond, __FILE__, __LINE__);                        \
    } while (0)

BK_NORETURN void bk_assert_fail(const char *expr, const char *file, int line);

#endif
