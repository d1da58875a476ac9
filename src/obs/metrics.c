/*
 * metrics.c: histogram updates and the Prometheus text rendering.
 *
 * Prometheus histograms are cumulative ("le" buckets include everything
 * below); we store per-bucket counts and accumulate while rendering, so an
 * observation touches one counter.
 */
#include "obs/metrics.h"

#include <stdio.h>
#include <string.h>

const double bk_obs_latency_bounds[BK_OBS_LATENCY_BUCKETS] = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
    0.05,   0.1,   0.25,   0.5,   1,    5};
const double bk_obs_cu_bounds[BK_OBS_CU_BUCKETS] = {10, 20, 30, 40, 50,
                                                    60, 70, 80, 90, 100};

void bk_obs_hist_observe(bk_obs_hist_t *h, const double *bounds, size_t n,
                         double v)
{
    size_t i = 0;
    while (i < n && v > bounds[i])
        i++;
    BK_OBS_INC(h->bucket[i]);
    BK_OBS_INC(h->count);
    double sum;
    __atomic_load(&h->sum, &sum, __ATOMIC_RELAXED);
    sum += v;
    __atomic_store(&h->sum, &sum, __ATOMIC_RELAXED);
}

bk_obs_fn_metrics_t *bk_obs_fn(bk_obs_metrics_t *m, const char *name)
{
    for (size_t i = 0; i < m->nfns; i++)
        if (strcmp(m->fns[i].name, name) == 0)
            return &m->fns[i];
    return NULL;
}

#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)

static uint64_t sum_u64(bk_obs_metrics_t *const *w, size_t n, size_t off)
{
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t *p = (uint64_t *)((char *)w[i] + off);
        s += LOAD(*p);
    }
    return s;
}

static int render_counter(bk_buf_t *out, const char *name, const char *help,
                          const char *type, uint64_t v)
{
    return bk_buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name,
                         help, name, type, name, (unsigned long long)v);
}

/* One histogram summed over hists[0..n), under name{labels}. */
static int render_hist(bk_buf_t *out, const char *name, const char *labels,
                       const double *bounds, size_t nb,
                       const bk_obs_hist_t *const *hists, size_t n)
{
    uint64_t cum = 0, count = 0;
    double sum = 0;
    const char *sep = labels[0] ? "," : "";
    for (size_t b = 0; b <= nb; b++) {
        for (size_t i = 0; i < n; i++)
            cum += LOAD(((bk_obs_hist_t *)hists[i])->bucket[b]);
        if (b < nb) {
            if (bk_buf_printf(out, "%s_bucket{%s%sle=\"%g\"} %llu\n", name,
                              labels, sep, bounds[b],
                              (unsigned long long)cum) != BK_OK)
                return BK_ERR;
        } else if (bk_buf_printf(out, "%s_bucket{%s%sle=\"+Inf\"} %llu\n",
                                 name, labels, sep,
                                 (unsigned long long)cum) != BK_OK) {
            return BK_ERR;
        }
    }
    for (size_t i = 0; i < n; i++) {
        count += LOAD(((bk_obs_hist_t *)hists[i])->count);
        double s;
        __atomic_load(&((bk_obs_hist_t *)hists[i])->sum, &s, __ATOMIC_RELAXED);
        sum += s;
    }
    const char *lb = labels[0] ? "{" : "";
    const char *rb = labels[0] ? "}" : "";
    return bk_buf_printf(out, "%s_sum%s%s%s %.6f\n%s_count%s%s%s %llu\n",
                         name, lb, labels, rb, sum, name, lb, labels, rb,
                         (unsigned long long)count);
}

#define SUM(field) sum_u64(w, n, offsetof(bk_obs_metrics_t, field))

int bk_obs_metrics_render(bk_buf_t *out, bk_obs_metrics_t *const *w, size_t n)
{
    if (bk_buf_append_cstr(out,
                           "# HELP brink_requests_total Responses sent, by "
                           "HTTP status (0: viewer went away).\n"
                           "# TYPE brink_requests_total counter\n") != BK_OK)
        return BK_ERR;
    for (int s = 0; s < 600; s++) {
        uint64_t v = 0;
        for (size_t i = 0; i < n; i++)
            v += LOAD(w[i]->requests_by_status[s]);
        if (v && bk_buf_printf(out, "brink_requests_total{status=\"%d\"} %llu\n",
                               s, (unsigned long long)v) != BK_OK)
            return BK_ERR;
    }
    int64_t bytes = 0, objects = 0;
    for (size_t i = 0; i < n; i++) {
        bytes += LOAD(w[i]->cache_bytes);
        objects += LOAD(w[i]->cache_objects);
    }
    if (render_counter(out, "brink_cache_hits_total", "Cache hits.",
                       "counter", SUM(cache_hits)) != BK_OK ||
        render_counter(out, "brink_cache_refresh_hits_total",
                       "Stale entries revalidated with the origin (304).",
                       "counter", SUM(cache_refresh_hits)) != BK_OK ||
        render_counter(out, "brink_cache_misses_total", "Cache misses.",
                       "counter", SUM(cache_misses)) != BK_OK ||
        render_counter(out, "brink_cache_hit_bytes_total",
                       "Body bytes served from the cache.", "counter",
                       SUM(cache_hit_bytes)) != BK_OK ||
        render_counter(out, "brink_cache_evictions_total",
                       "Entries evicted to stay under the byte cap.",
                       "counter", SUM(cache_evictions)) != BK_OK ||
        render_counter(out, "brink_cache_bytes", "Bytes held by the cache.",
                       "gauge", (uint64_t)(bytes < 0 ? 0 : bytes)) != BK_OK ||
        render_counter(out, "brink_cache_objects", "Objects in the cache.",
                       "gauge", (uint64_t)(objects < 0 ? 0 : objects)) !=
            BK_OK ||
        render_counter(out, "brink_origin_errors_total",
                       "Origin fetches that failed (refused, reset, "
                       "garbled, timeout).",
                       "counter", SUM(origin_errors)) != BK_OK)
        return BK_ERR;

    const bk_obs_hist_t *hs[64];
    size_t nh = BK_MIN(n, BK_COUNTOF(hs));
    for (size_t i = 0; i < nh; i++)
        hs[i] = &w[i]->origin_latency;
    if (bk_buf_append_cstr(out,
                           "# HELP brink_origin_latency_seconds Time to the "
                           "origin's response head.\n"
                           "# TYPE brink_origin_latency_seconds histogram\n") !=
            BK_OK ||
        render_hist(out, "brink_origin_latency_seconds", "",
                    bk_obs_latency_bounds, BK_OBS_LATENCY_BUCKETS, hs, nh) !=
            BK_OK)
        return BK_ERR;

    if (n == 0 || w[0]->nfns == 0)
        return BK_OK;
    static const struct {
        const char *name, *help;
        size_t off;
    } fc[] = {
        {"brink_function_invocations_total", "Function invocations.",
         offsetof(bk_obs_fn_metrics_t, invocations)},
        {"brink_function_execution_errors_total",
         "Invocations that threw or hit a limit (viewer got 503).",
         offsetof(bk_obs_fn_metrics_t, execution_errors)},
        {"brink_function_validation_errors_total",
         "Invocations whose result was invalid (viewer got 502).",
         offsetof(bk_obs_fn_metrics_t, validation_errors)},
        {"brink_function_throttles_total",
         "Invocations refused because the function was throttled.",
         offsetof(bk_obs_fn_metrics_t, throttles)},
    };
    for (size_t c = 0; c < BK_COUNTOF(fc); c++) {
        if (bk_buf_printf(out, "# HELP %s %s\n# TYPE %s counter\n", fc[c].name,
                          fc[c].help, fc[c].name) != BK_OK)
            return BK_ERR;
        for (size_t f = 0; f < w[0]->nfns; f++) {
            uint64_t v = 0;
            for (size_t i = 0; i < n; i++)
                v += LOAD(*(uint64_t *)((char *)&w[i]->fns[f] + fc[c].off));
            if (bk_buf_printf(out, "%s{function=\"%s\"} %llu\n", fc[c].name,
                              w[0]->fns[f].name,
                              (unsigned long long)v) != BK_OK)
                return BK_ERR;
        }
    }
    if (bk_buf_append_cstr(
            out, "# HELP brink_function_compute_utilization Share of the "
                 "compute budget used per invocation (0-100).\n"
                 "# TYPE brink_function_compute_utilization histogram\n") !=
        BK_OK)
        return BK_ERR;
    for (size_t f = 0; f < w[0]->nfns; f++) {
        char labels[96];
        snprintf(labels, sizeof(labels), "function=\"%s\"", w[0]->fns[f].name);
        for (size_t i = 0; i < nh; i++)
            hs[i] = &w[i]->fns[f].compute;
        if (render_hist(out, "brink_function_compute_utilization", labels,
                        bk_obs_cu_bounds, BK_OBS_CU_BUCKETS, hs, nh) != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}
