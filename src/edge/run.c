/*
 * run.c: bk_edge_run - from options to a running server: the config file or
 * the demo (built-in origin + examples/demo.json), overrides, hints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "edge/edge_int.h"
#include "edge/static_origin.h"

#define DEMO_ORIGIN_PORT 8081

static void demo_hints(bk_edge_server_t *s)
{
    const bk_config_t *c = s->gen->cfg;
    if (s->opts.quiet)
        return;
    printf("\nbrink demo edge on http://%s:%u/ (origin: examples/site on "
           "127.0.0.1:%d)\n\nTry:\n"
           "  curl -i http://%s:%u/                 # twice: X-Cache Miss, then Hit\n"
           "  curl -I http://%s:%u/style.css\n"
           "  curl -i http://%s:%u/api/time.json    # CachingDisabled behaviour\n"
           "  curl -i http://%s:%u/nope             # origin 404, through the edge\n",
           c->listen.host, c->listen.port, DEMO_ORIGIN_PORT, c->listen.host,
           c->listen.port, c->listen.host, c->listen.port, c->listen.host,
           c->listen.port, c->listen.host, c->listen.port);
    if (c->admin.set)
        printf("  curl http://%s:%u/metrics           # Prometheus metrics\n"
               "  curl -X POST 'http://%s:%u/invalidate?path=/%%2A'\n",
               c->admin.host, c->admin.port, c->admin.host, c->admin.port);
    printf("\nCtrl-C stops it.\n\n");
    fflush(stdout);
}

int bk_edge_run(const bk_edge_opts_t *opts)
{
    bk_edge_server_t s;
    memset(&s, 0, sizeof(s));
    s.opts = *opts;
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *cfg = NULL;
    bk_edge_static_t *demo = NULL;
    char demo_cfg[4096];

    if (opts->config_path == NULL) {
        const char *root = opts->demo_root ? opts->demo_root : "examples";
        char site[4096];
        snprintf(site, sizeof(site), "%s/site", root);
        snprintf(demo_cfg, sizeof(demo_cfg), "%s/demo.json", root);
        demo = bk_edge_static_start(site, "127.0.0.1", DEMO_ORIGIN_PORT, err,
                                    sizeof(err));
        if (demo == NULL) {
            fprintf(stderr, "brink: %s\n", err);
            return 2;
        }
        s.config_path = NULL;
        if (bk_config_load_file(demo_cfg, 0, &cfg, err, sizeof(err)) != BK_OK) {
            fprintf(stderr, "brink: %s\n", err);
            bk_edge_static_stop(demo);
            return 2;
        }
        s.on_ready = demo_hints;
    } else {
        s.config_path = opts->config_path;
        if (bk_config_load_file(opts->config_path, 0, &cfg, err, sizeof(err)) !=
            BK_OK) {
            fprintf(stderr, "brink: %s\n", err);
            return 2;
        }
    }
    char why[256];
    if (opts->listen &&
        bk_config_addr_parse(opts->listen, cfg->arena, &cfg->listen, why,
                             sizeof(why)) != BK_OK) {
        fprintf(stderr, "brink: --listen %s: %s\n", opts->listen, why);
        bk_config_free(cfg);
        bk_edge_static_stop(demo);
        return 2;
    }
    int status = bk_edge_serve(&s, cfg);
    bk_edge_static_stop(demo);
    return status;
}
