/* defs.c: status strings and the assertion failure path. */
#include "core/defs.h"

#include <stdio.h>
#include <stdlib.h>

const char *bk_status_str(int status)
{
    switch (status) {
#define BK__STATUS_CASE(name, val, text)                                      \
    case (val):                                                               \
        return text;
        BK_STATUS_MAP(BK__STATUS_CASE)
#undef BK__STATUS_CASE
    }
    return "unknown";
}

void bk_assert_fail(const char *expr, const char *file, int line)
{
    fprintf(stderr, "brink: assertion failed: %s (%s:%d)\n", expr, file, line);
    abort();
}
