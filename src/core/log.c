/* log.c: one formatted line per call, written with a single write(2) so
 * lines from several workers sharing a file do not interleave. */
#include "core/log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int bk_log_level = BK_LOG_INFO;
static int log_fd = 2;

static const char *const level_names[] = {"error", "warn", "info", "debug"};

void bk_log_set_level(bk_log_level_t level) { bk_log_level = (int)level; }

int bk_log_level_parse(const char *s, bk_log_level_t *out)
{
    for (size_t i = 0; i < BK_COUNTOF(level_names); i++) {
        if (strcmp(s, level_names[i]) == 0) {
            *out = (bk_log_level_t)i;
            return BK_OK;
        }
    }
    return BK_ERR;
}

int bk_log_open(const char *path)
{
    if (path == NULL) {
        if (log_fd != 2)
            close(log_fd);
        log_fd = 2;
        return BK_OK;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return BK_ERR;
    if (log_fd != 2)
        close(log_fd);
    log_fd = fd;
    return BK_OK;
}

void bk_log_write(bk_log_level_t level, const char *fmt, ...)
{
    char line[2048];
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    int n = snprintf(line, sizeof(line),
                     "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ [%s] %d: ",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec, (int)(tv.tv_usec / 1000),
                     level_names[level], (int)getpid());
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n + (m < 0 ? 0 : BK_MIN((size_t)m, sizeof(line) - (size_t)n - 2));
    line[len++] = '\n';
    ssize_t w = write(log_fd, line, len);
    (void)w;
}
