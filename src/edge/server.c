/*
 * server.c: the process around the pipeline: worker threads and their
 * listeners, configuration generations, signals, the access log.
 *
 * Threads: the main thread owns the default loop (signals, admin listener,
 * the demo origin); each worker thread owns a loop, a listening socket bound
 * with SO_REUSEPORT (the kernel spreads connections) and an origin pool.
 * One cache serves every worker (its memory cap whole, a hit wherever the
 * kernel sends the connection, one origin request for concurrent misses
 * across workers); it is created before the workers start and freed after
 * they all stopped. The main thread talks to workers only through their
 * mailbox and uv_async wake-up; workers never touch each other's state
 * except through the cache, whose collapsed waiters are resumed on their
 * own worker's loop by its cache_wake async.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "edge/edge_int.h"
#include "obs/accesslog.h"

/* ---- configuration generations ------------------------------------------- */

void bk_edge_gen_ref(bk_edge_gen_t *g)
{
    __atomic_add_fetch(&g->refs, 1, __ATOMIC_RELAXED);
}

void bk_edge_gen_unref(bk_edge_gen_t *g)
{
    if (__atomic_sub_fetch(&g->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        bk_edge__geo_close(g->geo);
        bk_edge__vtls_ctx_free(g->tls_ctx);
        bk_edge__fns_free(g);
        bk_config_free(g->cfg);
        bk_free(g);
    }
}

/* A generation for cfg (taken over only on success): NULL with 'err' set
 * when the geo database cannot be opened or memory runs out. */
static bk_edge_gen_t *gen_new(bk_config_t *cfg, unsigned id, char *err,
                              size_t errlen)
{
    bk_edge_gen_t *g = bk_calloc(1, sizeof(*g));
    if (g == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (cfg->geo_database != NULL &&
        bk_edge__geo_open(cfg->geo_database, &g->geo, err, errlen) != BK_OK) {
        bk_free(g);
        return NULL;
    }
    /* The viewer certificate: a bad one refuses the generation, so a
     * reload keeps the running one. */
    if (bk_edge__vtls_ctx_new(cfg, &g->tls_ctx, err, errlen) != BK_OK) {
        bk_edge__geo_close(g->geo);
        bk_free(g);
        return NULL;
    }
    g->cfg = cfg;
    g->refs = 1;
    g->id = id;
    bk_str_t d = cfg->domain_name.n ? cfg->domain_name : cfg->node_name;
    char *via = bk_arena_alloc(cfg->arena, d.n + 20);
    if (via != NULL) {
        int vn = snprintf(via, d.n + 20, "1.1 %.*s (CloudFront)", BK_STR_FMT(d));
        g->via = bk_str(via, (size_t)vn);
    }
    if (bk_edge__fns_load(g, err, errlen) != BK_OK) {
        bk_edge__fns_free(g);
        bk_edge__vtls_ctx_free(g->tls_ctx);
        bk_edge__geo_close(g->geo);
        bk_free(g);
        return NULL;
    }
    return g;
}

/* ---- the access log ------------------------------------------------------ */

void bk_edge__access_log_write(bk_edge_server_t *s, const void *p, size_t n)
{
    if (s->access_fd < 0)
        return;
    /* O_APPEND makes each write land whole at the end of the file, so
     * workers need no lock; a short write on a full disk is dropped. */
    ssize_t w = write(s->access_fd, p, n);
    (void)w;
}

static int open_function_log(bk_edge_server_t *s, const bk_config_t *cfg)
{
    if (cfg->function_log == NULL)
        return BK_OK;
    int fd = open(cfg->function_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                  0644);
    if (fd < 0) {
        fprintf(stderr, "brink: function log %s: %s\n", cfg->function_log,
                strerror(errno));
        return BK_ERR;
    }
    if (s->function_fd >= 0)
        close(s->function_fd);
    s->function_fd = fd;
    return BK_OK;
}

static int open_access_log(bk_edge_server_t *s, const bk_config_t *cfg)
{
    if (cfg->access_log == NULL)
        return BK_OK;
    int fd = open(cfg->access_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                  0644);
    if (fd < 0) {
        fprintf(stderr, "brink: access log %s: %s\n", cfg->access_log,
                strerror(errno));
        return BK_ERR;
    }
    if (lseek(fd, 0, SEEK_END) == 0) {
        bk_buf_t b;
        bk_buf_init(&b, NULL);
        if (bk_obs_access_header(&b) == BK_OK) {
            ssize_t w = write(fd, b.p, b.n);
            (void)w;
        }
        bk_buf_free(&b);
    }
    if (s->access_fd >= 0)
        close(s->access_fd);
    s->access_fd = fd;
    return BK_OK;
}

/* ---- listeners ------------------------------------------------------------ */

/* A listening socket on 'a' with SO_REUSEPORT, or -1 with a message. */
static int listen_socket(const bk_config_addr_t *a, const char *what)
{
    int fd = socket(a->sa.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    0);
    if (fd < 0) {
        fprintf(stderr, "brink: %s socket: %s\n", what, strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
    if (bind(fd, (const struct sockaddr *)&a->sa, a->salen) != 0 ||
        listen(fd, 1024) != 0) {
        fprintf(stderr, "brink: cannot listen on %s:%u (%s): %s\n", a->host,
                (unsigned)a->port, what, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

/* ---- worker threads ------------------------------------------------------- */

static void close_walk(uv_handle_t *h, void *arg)
{
    (void)arg;
    if (!uv_is_closing(h))
        uv_close(h, NULL);
}

/* Stops the worker's loop once draining has no connection left. */
static void maybe_stop(bk_edge_worker_t *w)
{
    if (!w->draining || w->nconns > 0)
        return;
    if (w->pool) {
        bk_proxy_pool_close(w->pool);
        w->pool = NULL;
    }
    uv_walk(&w->loop, close_walk, NULL);
}

static void on_drain_tick(uv_timer_t *t)
{
    bk_edge_worker_t *w = t->data;
    bk_edge__close_idle(w);
    maybe_stop(w);
}

static void worker_mail(uv_async_t *a)
{
    bk_edge_worker_t *w = a->data;
    bk_edge_server_t *s = w->srv;
    bk_edge_mail_t mail[BK_EDGE_MAILBOX];
    size_t n;
    pthread_mutex_lock(&s->lock);
    n = w->nmail;
    memcpy(mail, w->mail, n * sizeof(mail[0]));
    w->nmail = 0;
    bk_edge_gen_t *gen = s->gen;
    bk_edge_gen_ref(gen);
    pthread_mutex_unlock(&s->lock);

    for (size_t i = 0; i < n; i++) {
        switch (mail[i].kind) {
        case BK_EDGE_MAIL_RELOAD:
            if (w->gen != gen) {
                bk_edge_gen_t *old = w->gen;
                bk_edge_gen_ref(gen);
                w->gen = gen;
                bk_edge_gen_unref(old);
            }
            break;
        case BK_EDGE_MAIL_PURGE:
            /* One cache for all: the first worker drops the objects (the
             * broadcast returns once every worker read its mail). */
            if (w->index == 0)
                w->purged += bk_cache_invalidate(w->cache,
                                                 bk_str_c(mail[i].path));
            break;
        case BK_EDGE_MAIL_STOP:
            if (!w->draining) {
                w->draining = 1;
                uv_close((uv_handle_t *)&w->listener, NULL);
                if (w->tls_on)
                    uv_close((uv_handle_t *)&w->tls_listener, NULL);
                bk_edge__close_idle(w);
                uv_timer_init(&w->loop, &w->drain_timer);
                w->drain_timer.data = w;
                uv_timer_start(&w->drain_timer, on_drain_tick, 50, 50);
            }
            break;
        }
    }
    bk_edge_gen_unref(gen);
    pthread_mutex_lock(&s->lock);
    w->mail_done++;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
    maybe_stop(w);
}

static void *worker_main(void *arg)
{
    bk_edge_worker_t *w = arg;
    uv_run(&w->loop, UV_RUN_DEFAULT);
    if (w->pool) {
        bk_proxy_pool_close(w->pool);
        w->pool = NULL;
        uv_run(&w->loop, UV_RUN_DEFAULT);
    }
    /* Every exchange ended, so no waiter of this loop is left anywhere. */
    bk_cache_owner_fini(&w->cache_owner);
    w->cache = NULL;
    bk_edge__fn_ctxs_drop(w);
    bk_edge_gen_unref(w->gen);
    w->gen = NULL;
    uv_loop_close(&w->loop);
    return NULL;
}

/* Another worker completed a fill this loop's requests wait on (called
 * on that worker's thread): resume them here. */
static void cache_owner_wake(bk_cache_owner_t *o)
{
    bk_edge_worker_t *w = o->data;
    uv_async_send(&w->cache_wake);
}

static void on_cache_wake(uv_async_t *a)
{
    bk_edge_worker_t *w = a->data;
    bk_cache_owner_run(&w->cache_owner);
}

static int worker_init(bk_edge_server_t *s, bk_edge_worker_t *w, unsigned i,
                       int fd, int tls_fd)
{
    const bk_config_t *cfg = s->gen->cfg;
    w->srv = s;
    w->index = i;
    w->req_seq = (uint64_t)getpid() << 20 ^ (uint64_t)i << 40;
    if (uv_loop_init(&w->loop) != 0)
        return BK_ERR;
    w->gen = s->gen;
    bk_edge_gen_ref(w->gen);
    w->cache = s->cache;
    if (bk_cache_owner_init(&w->cache_owner, cache_owner_wake, w) != BK_OK)
        return BK_ERR;
    w->pool = bk_proxy_pool_new(&w->loop);
    if (w->pool == NULL)
        return BK_ERR;
    w->metrics.fns = bk_calloc(cfg->n_functions ? cfg->n_functions : 1,
                               sizeof(bk_obs_fn_metrics_t));
    if (w->metrics.fns == NULL)
        return BK_ERR;
    w->metrics.nfns = cfg->n_functions;
    for (size_t f = 0; f < cfg->n_functions; f++)
        snprintf(w->metrics.fns[f].name, sizeof(w->metrics.fns[f].name),
                 "%.*s", BK_STR_FMT(cfg->functions[f].name));
    uv_tcp_init(&w->loop, &w->listener);
    w->listener.data = w;
    if (uv_tcp_open(&w->listener, fd) != 0 ||
        uv_listen((uv_stream_t *)&w->listener, 1024, bk_edge__accept) != 0)
        return BK_ERR;
    if (tls_fd >= 0) {
        /* HTTPS viewers: the same accept, told apart by the listener. */
        uv_tcp_init(&w->loop, &w->tls_listener);
        w->tls_listener.data = w;
        w->tls_on = 1;
        if (uv_tcp_open(&w->tls_listener, tls_fd) != 0 ||
            uv_listen((uv_stream_t *)&w->tls_listener, 1024,
                      bk_edge__accept) != 0)
            return BK_ERR;
    }
    uv_async_init(&w->loop, &w->wake, worker_mail);
    w->wake.data = w;
    uv_async_init(&w->loop, &w->cache_wake, on_cache_wake);
    w->cache_wake.data = w;
    uv_check_init(&w->loop, &w->written);
    w->written.data = w;
    uv_check_start(&w->written, bk_edge__written_check);
    uv_idle_init(&w->loop, &w->written_wake);
    return BK_OK;
}

/* Posts a message to every worker and waits until each has read it. */
void bk_edge__broadcast(bk_edge_server_t *s, int kind, const char *path)
{
    pthread_mutex_lock(&s->lock);
    unsigned long want[BK_EDGE_MAX_WORKERS];
    for (unsigned i = 0; i < s->nworkers; i++) {
        bk_edge_worker_t *w = &s->workers[i];
        want[i] = w->mail_done + 1;
        if (w->nmail < BK_EDGE_MAILBOX) {
            bk_edge_mail_t *m = &w->mail[w->nmail++];
            m->kind = kind;
            snprintf(m->path, sizeof(m->path), "%s", path ? path : "");
        }
        uv_async_send(&w->wake);
    }
    for (unsigned i = 0; i < s->nworkers; i++)
        while (s->workers[i].mail_done < want[i] && s->running[i])
            pthread_cond_wait(&s->cond, &s->lock);
    pthread_mutex_unlock(&s->lock);
}

/* ---- signals --------------------------------------------------------------------- */

static void stop_all(bk_edge_server_t *s)
{
    if (s->stopping)
        return;
    s->stopping = 1;
    bk_log_info("stopping: draining in-flight requests");
    for (unsigned i = 0; i < s->nworkers; i++) {
        bk_edge_worker_t *w = &s->workers[i];
        pthread_mutex_lock(&s->lock);
        if (w->nmail < BK_EDGE_MAILBOX)
            w->mail[w->nmail++].kind = BK_EDGE_MAIL_STOP;
        pthread_mutex_unlock(&s->lock);
        uv_async_send(&w->wake);
    }
    uv_walk(s->main_loop, close_walk, NULL);
}

static void on_signal(uv_signal_t *h, int signum)
{
    bk_edge_server_t *s = h->data;
    if (signum == SIGHUP) {
        bk_edge__reload(s);
        return;
    }
    stop_all(s);
}

int bk_edge__reload(bk_edge_server_t *s)
{
    if (s->config_path == NULL) {
        bk_log_warn("reload: the demo has no config file to reload");
        return BK_ERR;
    }
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *cfg = NULL;
    if (bk_config_load_file(s->config_path, 0, &cfg, err, sizeof(err)) != BK_OK) {
        bk_log_error("reload refused, keeping the running config: %s", err);
        return BK_ERR;
    }
    for (size_t i = 0; i < cfg->n_warnings; i++)
        bk_log_warn("%s", cfg->warnings[i]);
    /* Listeners are bound at start: a new certificate is used at once, a
     * new address only after a restart. */
    const bk_config_addr_t *ot = &s->gen->cfg->listen_tls.addr,
                           *nt = &cfg->listen_tls.addr;
    if (ot->set != nt->set ||
        (ot->set && (ot->port != nt->port || strcmp(ot->host, nt->host) != 0)))
        bk_log_warn("reload: Brink.ListenTls.Address changed: restart brink "
                    "to listen there%s",
                    nt->set ? "" : " (HTTPS viewers are refused meanwhile)");
    bk_edge_gen_t *g = gen_new(cfg, s->gen->id + 1, err, sizeof(err));
    if (g == NULL) {
        bk_config_free(cfg);
        bk_log_error("reload refused, keeping the running config: %s", err);
        return BK_ERR;
    }
    if (open_access_log(s, cfg) != BK_OK || open_function_log(s, cfg) != BK_OK)
        bk_log_warn("reload: a log file was not reopened");
    pthread_mutex_lock(&s->lock);
    bk_edge_gen_t *old = s->gen;
    s->gen = g;
    pthread_mutex_unlock(&s->lock);
    bk_edge__broadcast(s, BK_EDGE_MAIL_RELOAD, NULL);
    bk_edge_gen_unref(old);
    bk_log_info("reloaded %s (generation %u)", s->config_path, g->id);
    return BK_OK;
}

/* ---- run -------------------------------------------------------------------------- */

static void report_unbuilt(const bk_config_t *cfg)
{
    const bk_config_behavior_t *all[1 + 256];
    size_t n = 0;
    all[n++] = &cfg->default_behavior;
    for (size_t i = 0; i < cfg->n_behaviors && n < BK_COUNTOF(all); i++)
        all[n++] = &cfg->behaviors[i];
    for (size_t i = 0; i < n; i++) {
        const bk_config_behavior_t *b = all[i];
        for (int e = 0; e < BK_CONFIG_EV_COUNT; e++)
            if (b->lambda[e].set)
                bk_log_warn("behaviour %.*s: Lambda@Edge %s association kept "
                            "but not run (not built yet)",
                            BK_STR_FMT(b->path_pattern),
                            bk_config_event_name((bk_config_event_t)e));
    }
}

int bk_edge_serve(bk_edge_server_t *s, bk_config_t *cfg)
{
    int status = 1;
    int fds[BK_EDGE_MAX_WORKERS], tls_fds[BK_EDGE_MAX_WORKERS];
    unsigned nfd = 0, ntls = 0;
    s->access_fd = -1;
    s->function_fd = -1;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
    for (size_t i = 0; i < cfg->n_warnings; i++)
        bk_log_warn("%s", cfg->warnings[i]);
    report_unbuilt(cfg);
    char err[512];
    s->gen = gen_new(cfg, 1, err, sizeof(err));
    if (s->gen == NULL) {
        fprintf(stderr, "brink: %s\n", err);
        bk_config_free(cfg);
        return 2;
    }
    unsigned nw = s->opts.workers ? s->opts.workers : cfg->workers;
    if (nw == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        nw = cpus > 0 ? (unsigned)cpus : 1;
    }
    if (nw > BK_EDGE_MAX_WORKERS)
        nw = BK_EDGE_MAX_WORKERS;
    s->nworkers = nw;
    if (open_access_log(s, cfg) != BK_OK || open_function_log(s, cfg) != BK_OK) {
        status = 2;
        goto out;
    }
    for (nfd = 0; nfd < nw; nfd++) {
        fds[nfd] = listen_socket(&cfg->listen, "viewer listener");
        if (fds[nfd] < 0) {
            status = 2;
            goto out;
        }
    }
    if (cfg->listen_tls.addr.set) {
        for (ntls = 0; ntls < nw; ntls++) {
            tls_fds[ntls] = listen_socket(&cfg->listen_tls.addr,
                                          "HTTPS viewer listener");
            if (tls_fds[ntls] < 0) {
                status = 2;
                goto out;
            }
        }
    }
    bk_cache_conf_t cc = {
        .max_bytes = (size_t)cfg->cache_memory,
        .max_object_bytes = 0,
    };
    if (cc.max_bytes < 1024 * 1024)
        cc.max_bytes = 1024 * 1024;
    s->cache = bk_cache_new(&cc);
    if (s->cache == NULL)
        goto out;
    s->workers = bk_calloc(nw, sizeof(*s->workers));
    if (s->workers == NULL)
        goto out;
    for (unsigned i = 0; i < nw; i++) {
        if (worker_init(s, &s->workers[i], i, fds[i],
                        ntls ? tls_fds[i] : -1) != BK_OK) {
            fprintf(stderr, "brink: worker %u: initialisation failed\n", i);
            goto out;
        }
        fds[i] = -1; /* the worker's listener owns it now */
        if (ntls)
            tls_fds[i] = -1;
    }
    if (bk_edge__admin_start(s) != BK_OK) {
        status = 2;
        goto out;
    }

    s->main_loop = uv_default_loop();
    uv_signal_init(s->main_loop, &s->sigterm);
    uv_signal_init(s->main_loop, &s->sigint);
    uv_signal_init(s->main_loop, &s->sighup);
    s->sigterm.data = s->sigint.data = s->sighup.data = s;
    uv_signal_start(&s->sigterm, on_signal, SIGTERM);
    uv_signal_start(&s->sigint, on_signal, SIGINT);
    uv_signal_start(&s->sighup, on_signal, SIGHUP);
    signal(SIGPIPE, SIG_IGN);

    for (unsigned i = 0; i < nw; i++) {
        s->running[i] = 1;
        if (pthread_create(&s->workers[i].thread, NULL, worker_main,
                           &s->workers[i]) != 0) {
            s->running[i] = 0;
            fprintf(stderr, "brink: cannot start worker %u\n", i);
            stop_all(s);
            break;
        }
    }
    bk_log_info("brink listening on %s:%u with %u worker%s", cfg->listen.host,
                (unsigned)cfg->listen.port, nw, nw == 1 ? "" : "s");
    if (cfg->listen_tls.addr.set)
        bk_log_info("brink listening for HTTPS on %s:%u",
                    cfg->listen_tls.addr.host,
                    (unsigned)cfg->listen_tls.addr.port);
    if (s->on_ready)
        s->on_ready(s);
    uv_run(s->main_loop, UV_RUN_DEFAULT);
    for (unsigned i = 0; i < nw; i++) {
        if (!s->running[i])
            continue;
        pthread_join(s->workers[i].thread, NULL);
        pthread_mutex_lock(&s->lock);
        s->running[i] = 0;
        pthread_cond_broadcast(&s->cond);
        pthread_mutex_unlock(&s->lock);
    }
    uv_loop_close(s->main_loop);
    bk_log_info("stopped");
    status = 0;
out:
    for (unsigned i = 0; i < nfd; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    for (unsigned i = 0; i < ntls; i++)
        if (tls_fds[i] >= 0)
            close(tls_fds[i]);
    if (s->workers) {
        for (unsigned i = 0; i < nw; i++)
            bk_free(s->workers[i].metrics.fns);
        bk_free(s->workers);
    }
    /* Every worker stopped (or never started): nobody uses it now. */
    bk_cache_free(s->cache);
    s->cache = NULL;
    if (s->access_fd >= 0)
        close(s->access_fd);
    if (s->function_fd >= 0)
        close(s->function_fd);
    if (s->gen)
        bk_edge_gen_unref(s->gen);
    return status;
}
