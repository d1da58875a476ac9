/*
 * edge.h: the edge server - viewer connections, the request pipeline with its
 * four event points, the cache and the origins, tied together.
 *
 * One process runs N worker threads, each with its own libuv loop, listening
 * socket (SO_REUSEPORT), cache, origin pool and function contexts; the main
 * thread runs the admin listener and handles signals (SIGTERM: drain and
 * exit; SIGHUP: reload the config, keeping the old one if the new one is
 * bad).
 */
#ifndef BK_EDGE_EDGE_H
#define BK_EDGE_EDGE_H

#include "config/config.h"

typedef struct bk_edge_server bk_edge_server_t;

typedef struct {
    const char *config_path; /* NULL: the demo */
    const char *demo_root;   /* demo: directory of examples/ (NULL: "examples") */
    const char *listen;      /* overrides the config's "addr:port" */
    unsigned workers;        /* overrides the config's (0: keep) */
    int quiet;               /* demo: no curl hints */
} bk_edge_opts_t;

/* Loads the config, binds every listener and runs until SIGTERM/SIGINT
 * (then drains in-flight requests). Returns the process exit status: 0
 * after a clean stop, 2 for a bad config or an address that cannot be bound
 * (with the reason on stderr), 1 for other failures. */
int bk_edge_run(const bk_edge_opts_t *opts);

#endif
