/* Shared timing loop of the peer drivers (Duktape, MuJS). Not part of
 * brink: compiled by bench/run into build/bench/ against Debian's packages.
 *
 * A driver provides one invocation as a callback; this file calibrates the
 * batch size so that one batch takes about the target time, runs ROUNDS
 * batches, and prints one JSON line with the nanoseconds per invocation of
 * each batch. Every invocation's result is compared with the workload's
 * BENCH_EXPECT; one wrong answer makes the whole run a failure (printed
 * with what it got), never a timing. */
#ifndef BENCH_DRV_COMMON_H
#define BENCH_DRV_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One invocation: 0 = right answer, 1 = wrong answer, -1 = JS error.
 * On 1 or -1 it leaves a description in drv_got. */
typedef int (*drv_invoke_fn)(void *state);

static char drv_got[512];

/* Optional hooks around each batch (brink's warm mode: one invocation per
 * batch, since memory is only released when an invocation ends). */
static void (*drv_batch_begin)(void *state);
static void (*drv_batch_end)(void *state);

static void drv_set_got(const char *s)
{
    size_t n;
    if (!s)
        s = "(null)";
    n = strlen(s);
    if (n >= sizeof drv_got)
        n = sizeof drv_got - 1;
    memcpy(drv_got, s, n);
    drv_got[n] = '\0';
}

static double drv_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Prints s as a JSON string literal. */
static void drv_json_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void drv_fail(const char *kind)
{
    printf("{\"ok\":false,\"error\":");
    drv_json_str(kind);
    printf(",\"got\":");
    drv_json_str(drv_got);
    printf("}\n");
}

/* Runs n invocations; returns elapsed ns, or -1 after printing a failure. */
static double drv_batch(drv_invoke_fn f, void *st, long n)
{
    double t0 = drv_now_ns();
    if (drv_batch_begin)
        drv_batch_begin(st);
    for (long i = 0; i < n; i++) {
        int rc = f(st);
        if (rc != 0) {
            if (drv_batch_end)
                drv_batch_end(st);
            drv_fail(rc > 0 ? "wrong answer" : "exception");
            return -1;
        }
    }
    if (drv_batch_end)
        drv_batch_end(st);
    return drv_now_ns() - t0;
}

/* Calibrates and times; returns the process exit status. */
static int drv_run(drv_invoke_fn f, void *st, double target_ms, int rounds)
{
    long n = 1;
    double el;

    /* The first call doubles as the correctness check and the warm-up. */
    if (drv_batch(f, st, 1) < 0)
        return 1;
    for (;;) {
        el = drv_batch(f, st, n);
        if (el < 0)
            return 1;
        if (el >= target_ms * 1e6 / 5 || n >= (1L << 30))
            break;
        n *= 2;
    }
    long n2 = (long)((double)n * target_ms * 1e6 / (el > 1 ? el : 1));
    if (n2 < 1)
        n2 = 1;
    double ns[64];
    if (rounds > 64)
        rounds = 64;
    for (int r = 0; r < rounds; r++) {
        el = drv_batch(f, st, n2);
        if (el < 0)
            return 1;
        /* A calibration batch slowed by another process makes n2 too
         * small; a batch under half the target is redone with twice as
         * many invocations. */
        if (el < target_ms * 1e6 / 2 && n2 < (1L << 30)) {
            n2 *= 2;
            r--;
            continue;
        }
        ns[r] = el / (double)n2;
    }
    printf("{\"ok\":true,\"n\":%ld,\"ns\":[", n2);
    for (int r = 0; r < rounds; r++)
        printf("%s%.1f", r ? "," : "", ns[r]);
    printf("]}\n");
    return 0;
}

__attribute__((unused))
static char *drv_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return NULL;
    }
    fseek(fp, 0, SEEK_END);
    long sz = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)sz + 1);
    if (!buf || fread(buf, 1, (size_t)sz, fp) != (size_t)sz) {
        fclose(fp);
        free(buf);
        return NULL;
    }
    fclose(fp);
    buf[sz] = '\0';
    *len = (size_t)sz;
    return buf;
}

#endif
