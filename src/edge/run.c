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

/* Parses "host:port" or "[v6]:port" into a; BK_ERR if malformed. */
static int parse_listen(const char *s, bk_config_addr_t *a, bk_arena_t *arena)
{
    const char *colon = strrchr(s, ':');
    if (colon == NULL)
        return BK_ERR;
    char host[256];
    size_t hl = (size_t)(colon - s);
    if (hl >= sizeof(host))
        return BK_ERR;
    memcpy(host, s, hl);
    host[hl] = '\0';
    char *h = host;
    if (h[0] == '[' && hl > 1 && h[hl - 1] == ']') {
        h[hl - 1] = '\0';
        h++;
    }
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end != '\0' || port < 1 || port > 65535)
        return BK_ERR;
    memset(&a->sa, 0, sizeof(a->sa));
    if (uv_ip4_addr(h, (int)port, (struct sockaddr_in *)&a->sa) == 0) {
        a->salen = sizeof(struct sockaddr_in);
    } else if (uv_ip6_addr(h, (int)port, (struct sockaddr_in6 *)&a->sa) == 0) {
        a->salen = sizeof(struct sockaddr_in6);
    } else {
        return BK_ERR;
    }
    a->host = bk_arena_strndup(arena, h, strlen(h));
    a->port = (uint16_t)port;
    a->set = true;
    return a->host ? BK_OK : BK_ERR;
}

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
    if (opts->listen && parse_listen(opts->listen, &cfg->listen, cfg->arena) != BK_OK) {
        fprintf(stderr, "brink: --listen %s: expected host:port\n", opts->listen);
        bk_config_free(cfg);
        bk_edge_static_stop(demo);
        return 2;
    }
    int status = bk_edge_serve(&s, cfg);
    bk_edge_static_stop(demo);
    return status;
}
