/* static_origin.h: the demo's built-in origin, a small file server on its
 * own thread (see static_origin.c). */
#ifndef BK_EDGE_STATIC_ORIGIN_H
#define BK_EDGE_STATIC_ORIGIN_H

#include <pthread.h>
#include <uv.h>

#include "core/buf.h"

typedef struct bk_edge_static bk_edge_static_t;

/* Serves 'root' on host:port from a new thread; NULL with 'err' set. */
bk_edge_static_t *bk_edge_static_start(const char *root, const char *host,
                                       uint16_t port, char *err, size_t errlen);

/* Stops the thread and frees everything. */
void bk_edge_static_stop(bk_edge_static_t *st);

#endif
