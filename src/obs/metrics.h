/*
 * metrics.h: the edge's counters and histograms, rendered in Prometheus
 * text format on the admin listener.
 *
 * Each worker owns one bk_obs_metrics_t and is its only writer (no locks,
 * no atomics on the hot path); the admin handler renders the sum over all
 * workers, reading with relaxed atomic loads, so a scrape may be a few
 * increments behind but never torn.
 */
#ifndef BK_OBS_METRICS_H
#define BK_OBS_METRICS_H

#include "core/buf.h"

/* Upper bounds (seconds) of the origin latency histogram buckets. */
#define BK_OBS_LATENCY_BUCKETS 12
/* Upper bounds of the compute-utilization histogram (0-100). */
#define BK_OBS_CU_BUCKETS 10

typedef struct {
    uint64_t count;
    double sum;
    uint64_t bucket[BK_OBS_LATENCY_BUCKETS + 1]; /* non-cumulative; last =
                                                    +Inf overflow */
} bk_obs_hist_t;

typedef struct {
    char name[65];                  /* CloudFront function names ≤ 64 */
    uint64_t invocations;
    uint64_t execution_errors;
    uint64_t validation_errors;
    uint64_t throttles;
    bk_obs_hist_t compute;          /* compute utilization, 0-100 */
} bk_obs_fn_metrics_t;

typedef struct {
    uint64_t requests_by_status[600];
    uint64_t cache_hits;
    uint64_t cache_refresh_hits;
    uint64_t cache_misses;
    uint64_t cache_hit_bytes;       /* body bytes served from cache */
    uint64_t cache_evictions;
    int64_t cache_bytes;            /* gauge: bytes held by the cache */
    int64_t cache_objects;          /* gauge */
    uint64_t origin_errors;
    bk_obs_hist_t origin_latency;   /* seconds */
    bk_obs_fn_metrics_t *fns;       /* one per configured function */
    size_t nfns;
} bk_obs_metrics_t;

extern const double bk_obs_latency_bounds[BK_OBS_LATENCY_BUCKETS];
extern const double bk_obs_cu_bounds[BK_OBS_CU_BUCKETS];

/* Records v in h, whose bucket bounds are 'bounds' (n of them). */
void bk_obs_hist_observe(bk_obs_hist_t *h, const double *bounds, size_t n,
                         double v);

/* Counters have one writer (their worker) and one reader (the admin
 * thread rendering /metrics): relaxed atomic load + store, no locked
 * read-modify-write needed. */
#define BK_OBS_ADD(x, n)                                                      \
    __atomic_store_n(&(x), __atomic_load_n(&(x), __ATOMIC_RELAXED) + (n),     \
                     __ATOMIC_RELAXED)
#define BK_OBS_INC(x) BK_OBS_ADD(x, 1)

/* Counts one response with this status (out-of-range statuses count as
 * status 0, "viewer went away"). */
static inline void bk_obs_count_status(bk_obs_metrics_t *m, int status)
{
    BK_OBS_INC(m->requests_by_status[(status > 0 && status < 600) ? status : 0]);
}

/* The per-function record for 'name' in m, or NULL. */
bk_obs_fn_metrics_t *bk_obs_fn(bk_obs_metrics_t *m, const char *name);

/* Renders the sum of the n workers' metrics in Prometheus text format. The
 * workers must have the same function list (same config generation). */
BK_MUST_CHECK int bk_obs_metrics_render(bk_buf_t *out,
                                        bk_obs_metrics_t *const *workers,
                                        size_t n);

#endif
