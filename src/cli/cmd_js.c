/*
 * cmd_js.c: `brink js [--runtime R] [--memory-limit B] [--no-limits]
 * [--allow-unhandled-rejections] [--disasm] FILE.js`.
 *
 * Runs FILE as a global script: the engine's load step (compile, run the
 * top level, drain the job queue) is exactly that. console.log goes to
 * stdout, one line per call; an uncaught exception or a SyntaxError prints
 * "Name: message" as the first line of stderr and exits 1. --disasm prints
 * the bytecode instead of running.
 *
 * Default limits are looser than CloudFront's so that test scripts can do
 * real work: 64 MB of memory and 1000x the invocation compute budget
 * (about a second); --memory-limit sets the memory cap, --no-limits lifts
 * both.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd_js.h"
#include "core/buf.h"
#include "js/js.h"

static void usage(void)
{
    fprintf(stderr, "usage: brink js [--runtime cloudfront-js-1.0|"
                    "cloudfront-js-2.0] [--memory-limit BYTES] [--no-limits] "
                    "[--allow-unhandled-rejections] [--disasm] FILE.js\n");
}

static void log_line(void *data, const char *line, size_t n)
{
    (void)data;
    fwrite(line, 1, n, stdout);
    fputc('\n', stdout);
}

int bk_cli_js(int argc, char **argv)
{
    bk_js_opts_t o;
    memset(&o, 0, sizeof(o));
    o.runtime = BK_JS_RUNTIME_2_0;
    size_t mem = (size_t)64 << 20;
    int no_limits = 0, disasm = 0;
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--runtime") == 0 && i + 1 < argc) {
            const char *r = argv[++i];
            if (strcmp(r, "cloudfront-js-1.0") == 0) {
                o.runtime = BK_JS_RUNTIME_1_0;
            } else if (strcmp(r, "cloudfront-js-2.0") == 0) {
                o.runtime = BK_JS_RUNTIME_2_0;
            } else {
                fprintf(stderr, "brink js: unknown runtime '%s'\n", r);
                return 2;
            }
        } else if (strcmp(a, "--memory-limit") == 0 && i + 1 < argc) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(argv[++i], &end, 10);
            if (errno || *end || v == 0) {
                fprintf(stderr, "brink js: bad --memory-limit '%s'\n", argv[i]);
                return 2;
            }
            mem = (size_t)v;
        } else if (strcmp(a, "--no-limits") == 0) {
            no_limits = 1;
        } else if (strcmp(a, "--allow-unhandled-rejections") == 0) {
            o.allow_unhandled_rejections = 1;
        } else if (strcmp(a, "--disasm") == 0) {
            disasm = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage();
            return 0;
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "brink js: unknown option '%s'\n", a);
            usage();
            return 2;
        } else if (file == NULL) {
            file = a;
        } else {
            usage();
            return 2;
        }
    }
    if (file == NULL) {
        usage();
        return 2;
    }
    bk_buf_t src;
    bk_buf_init(&src, NULL);
    if (bk_buf_read_file(&src, file) != BK_OK) {
        fprintf(stderr, "brink js: cannot read %s: %s\n", file,
                strerror(errno));
        bk_buf_free(&src);
        return 2;
    }
    if (no_limits) {
        o.memory_limit = SIZE_MAX;
        o.compute_budget = UINT64_MAX;
        o.load_budget = UINT64_MAX;
        o.template_limit = 0;
    } else {
        o.memory_limit = mem;
        o.template_limit = mem + ((size_t)1 << 20); /* + the built-ins */
        o.load_budget = (uint64_t)BK_JS_DEFAULT_BUDGET * 1000;
    }
    o.filename = file;
    o.log = log_line;
    o.compile_only = disasm;
    char err[512];
    bk_js_prog_t *p = bk_js_load((const char *)src.p, src.n, &o, err,
                                 sizeof(err));
    bk_buf_free(&src);
    fflush(stdout);
    if (p == NULL) {
        fprintf(stderr, "%s\n", err[0] ? err : "Error: load failed");
        return 1;
    }
    if (disasm)
        bk_js_disasm(p, stdout);
    bk_js_prog_free(p);
    return 0;
}
