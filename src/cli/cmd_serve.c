/* cmd_serve.c: `brink serve [--config FILE.json] [--listen HOST:PORT]
 * [--workers N] [--log-level L]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "edge/edge.h"

int bk_cli_serve(int argc, char **argv);

static int usage(void)
{
    fprintf(stderr,
            "usage: brink serve [--config DISTRIBUTION.json] [--listen HOST:PORT]\n"
            "                   [--workers N] [--log-level error|warn|info|debug]\n"
            "                   [--demo-root DIR] [--quiet]\n"
            "Without --config: the demo (built-in origin serving DIR/site,\n"
            "DIR/demo.json; DIR defaults to examples).\n");
    return 2;
}

int bk_cli_serve(int argc, char **argv)
{
    bk_edge_opts_t o;
    memset(&o, 0, sizeof(o));
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--config") == 0 && v) {
            o.config_path = v;
            i++;
        } else if (strcmp(a, "--listen") == 0 && v) {
            o.listen = v;
            i++;
        } else if (strcmp(a, "--workers") == 0 && v) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 64) {
                fprintf(stderr, "brink serve: --workers takes 1 to 64\n");
                return 2;
            }
            o.workers = (unsigned)n;
            i++;
        } else if (strcmp(a, "--log-level") == 0 && v) {
            bk_log_level_t l;
            if (bk_log_level_parse(v, &l) != BK_OK) {
                fprintf(stderr, "brink serve: unknown log level '%s'\n", v);
                return 2;
            }
            bk_log_set_level(l);
            i++;
        } else if (strcmp(a, "--demo-root") == 0 && v) {
            o.demo_root = v;
            i++;
        } else if (strcmp(a, "--quiet") == 0) {
            o.quiet = 1;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage();
            return 0;
        } else {
            fprintf(stderr, "brink serve: unknown option '%s'\n", a);
            return usage();
        }
    }
    return bk_edge_run(&o);
}
