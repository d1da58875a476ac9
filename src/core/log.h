/*
 * log.h: leveled logging to stderr or a file. One line per call, prefixed
 * with time, level and pid; callers log once, where the context is richest.
 */
#ifndef BK_CORE_LOG_H
#define BK_CORE_LOG_H

#include "core/defs.h"

typedef enum {
    BK_LOG_ERROR = 0,
    BK_LOG_WARN,
    BK_LOG_INFO,
    BK_LOG_DEBUG,
} bk_log_level_t;

extern int bk_log_level;

/* Sets the threshold; messages above it are dropped. */
void bk_log_set_level(bk_log_level_t level);

/* Parses "error|warn|info|debug"; BK_ERR if unknown. */
BK_MUST_CHECK int bk_log_level_parse(const char *s, bk_log_level_t *out);

/* Sends log lines to 'path' (appending); NULL: back to stderr. */
BK_MUST_CHECK int bk_log_open(const char *path);

void bk_log_write(bk_log_level_t level, const char *fmt, ...) BK_PRINTF(2, 3);

#define bk_log(level, ...)                                                    \
    do {                                                                      \
        if ((int)(level) <= bk_log_level)                                     \
            bk_log_write((level), __VA_ARGS__);                               \
    } while (0)

#define bk_log_error(...) bk_log(BK_LOG_ERROR, __VA_ARGS__)
#define bk_log_warn(...) bk_log(BK_LOG_WARN, __VA_ARGS__)
#define bk_log_info(...) bk_log(BK_LOG_INFO, __VA_ARGS__)
#define bk_log_debug(...) bk_log(BK_LOG_DEBUG, __VA_ARGS__)

#endif
