/*
 * test_tls.c: fetches over TLS through a real libuv loop against TLS
 * servers on 127.0.0.1 running in threads (blocking OpenSSL), with
 * certificates made by `openssl req` into a temporary directory: the
 * response, keep-alive reuse, session resumption, pool separation by
 * scheme, certificate and setup failures, every allocation failing in turn,
 * and that nothing is left behind when the pool closes (ASan build).
 */
#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "proxy/proxy.h"

static char dir[64];
static char ca_pem[128];

/* ---- a TLS server in a thread ------------------------------------------- */

typedef struct {
    int fd;
    int port;
    SSL_CTX *ctx;
    int close_each;  /* answer "Connection: close" and close */
    int accepted;    /* TCP connections */
    int handshakes;  /* finished handshakes */
    int resumed;     /* handshakes that resumed a session */
    pthread_mutex_t mu;
} server_t;

typedef struct {
    server_t *s;
    int fd;
} sconn_t;

static void *serve_conn(void *arg)
{
    sconn_t *sc = arg;
    server_t *s = sc->s;
    SSL *ssl = SSL_new(s->ctx);
    SSL_set_fd(ssl, sc->fd);
    if (SSL_accept(ssl) == 1) {
        pthread_mutex_lock(&s->mu);
        s->handshakes++;
        s->resumed += SSL_session_reused(ssl);
        pthread_mutex_unlock(&s->mu);
        char buf[8192];
        size_t n = 0;
        for (;;) {
            int r = SSL_read(ssl, buf + n, (int)(sizeof(buf) - n - 1));
            if (r <= 0)
                break;
            n += (size_t)r;
            buf[n] = '\0';
            char *end = strstr(buf, "\r\n\r\n");
            if (end == NULL)
                continue;
            char path[256] = "";
            sscanf(buf, "%*s %255s", path);
            if (strcmp(path, "/big") == 0) {
                /* Many TLS records, chunked: "0123456789" x 30000. */
                static const char hd[] = "HTTP/1.1 200 OK\r\n"
                                         "Transfer-Encoding: chunked\r\n\r\n";
                SSL_write(ssl, hd, (int)strlen(hd));
                char chunk[10000 + 16];
                for (int k = 0; k < 30; k++) {
                    int hl = snprintf(chunk, 16, "%x\r\n", 10000);
                    for (int j = 0; j < 10000; j++)
                        chunk[hl + j] = (char)('0' + j % 10);
                    memcpy(chunk + hl + 10000, "\r\n", 2);
                    SSL_write(ssl, chunk, hl + 10002);
                }
                SSL_write(ssl, "0\r\n\r\n", 5);
            }
            char body[512], resp[1024];
            int bl = snprintf(body, sizeof(body), "hello %s", path);
            int rl = snprintf(resp, sizeof(resp),
                              "HTTP/1.1 200 OK\r\nX-Test: tls\r\n%s"
                              "Content-Length: %d\r\n\r\n%s",
                              s->close_each ? "Connection: close\r\n" : "",
                              bl, body);
            if (strcmp(path, "/big") != 0)
                SSL_write(ssl, resp, rl);
            size_t used = (size_t)(end + 4 - buf);
            memmove(buf, buf + used, n - used);
            n -= used;
            if (s->close_each) {
                SSL_shutdown(ssl);
                break;
            }
        }
    }
    SSL_free(ssl);
    close(sc->fd);
    free(sc);
    return NULL;
}

static void *serve(void *arg)
{
    server_t *s = arg;
    for (;;) {
        int fd = accept(s->fd, NULL, NULL);
        if (fd < 0)
            continue;
        pthread_mutex_lock(&s->mu);
        s->accepted++;
        pthread_mutex_unlock(&s->mu);
        sconn_t *sc = malloc(sizeof(*sc));
        sc->s = s;
        sc->fd = fd;
        pthread_t t;
        pthread_create(&t, NULL, serve_conn, sc);
        pthread_detach(t);
    }
    return NULL;
}

static server_t *server_start(const char *cert, int close_each)
{
    server_t *s = calloc(1, sizeof(*s));
    pthread_mutex_init(&s->mu, NULL);
    s->close_each = close_each;
    s->ctx = SSL_CTX_new(TLS_server_method());
    char crt[128], key[128];
    snprintf(crt, sizeof(crt), "%s/%s.pem", dir, cert);
    snprintf(key, sizeof(key), "%s/%s.key", dir, cert);
    assert_int_equal(SSL_CTX_use_certificate_file(s->ctx, crt, SSL_FILETYPE_PEM), 1);
    assert_int_equal(SSL_CTX_use_PrivateKey_file(s->ctx, key, SSL_FILETYPE_PEM), 1);
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    socklen_t len = sizeof(sa);
    getsockname(s->fd, (struct sockaddr *)&sa, &len);
    s->port = ntohs(sa.sin_port);
    listen(s->fd, 64);
    pthread_t t;
    pthread_create(&t, NULL, serve, s);
    pthread_detach(t);
    return s;
}

static int count(server_t *s, int *field)
{
    pthread_mutex_lock(&s->mu);
    int v = *field;
    pthread_mutex_unlock(&s->mu);
    return v;
}

/* ---- certificates ---------------------------------------------------------- */

static void sh(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    assert_int_equal(system(cmd), 0);
}

#define EC "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2"

static int setup_certs(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/bk-tls-XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    snprintf(ca_pem, sizeof(ca_pem), "%s/ca.pem", dir);
    sh("cd %s && openssl req -x509 " EC " -keyout ca.key -out ca.pem "
       "-subj '/CN=test CA' -addext basicConstraints=critical,CA:TRUE "
       "-addext keyUsage=critical,keyCertSign 2>/dev/null",
       dir);
    sh("cd %s && openssl req -x509 " EC " -keyout good.key -out good.pem "
       "-CA ca.pem -CAkey ca.key -subj /CN=localhost "
       "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null",
       dir);
    sh("cd %s && openssl req -x509 " EC " -keyout other.key -out other.pem "
       "-CA ca.pem -CAkey ca.key -subj /CN=other "
       "-addext subjectAltName=DNS:other.example 2>/dev/null",
       dir);
    sh("cd %s && openssl req -x509 " EC " -keyout self.key -out self.pem "
       "-subj /CN=localhost "
       "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null",
       dir);
    return 0;
}

static int teardown_certs(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- driving fetches --------------------------------------------------------- */

typedef struct {
    bk_proxy_fetch_t f;
    char head[256];
    int done;
} tfetch_t;

static void on_done(bk_proxy_fetch_t *f)
{
    ((tfetch_t *)f->data)->done = 1;
}

static void fetch_init(tfetch_t *t, const char *host, int port, int tls,
                       const char *ca, const char *path)
{
    memset(t, 0, sizeof(*t));
    int n = snprintf(t->head, sizeof(t->head),
                     "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, host);
    t->f.host = host;
    t->f.port = (uint16_t)port;
    t->f.method = BK_HTTP_GET;
    t->f.head = bk_str((const uint8_t *)t->head, (size_t)n);
    t->f.connect_timeout_ms = 2000;
    t->f.read_timeout_ms = 2000;
    t->f.keepalive_ms = 5000;
    t->f.attempts = 1;
    t->f.tls = (unsigned)tls;
    t->f.tls_ca_file = ca;
    t->f.done = on_done;
    t->f.data = t;
}

static void run_fetch(uv_loop_t *loop, bk_proxy_pool_t *p, tfetch_t *t)
{
    assert_int_equal(bk_proxy_fetch_start(p, &t->f), BK_OK);
    while (!t->done)
        uv_run(loop, UV_RUN_ONCE);
}

static void body_is(tfetch_t *t, const char *want)
{
    assert_int_equal(t->f.resp_body.n, strlen(want));
    assert_memory_equal(t->f.resp_body.p, want, strlen(want));
}

static void pool_close(uv_loop_t *loop, bk_proxy_pool_t *p)
{
    bk_proxy_pool_close(p);
    uv_run(loop, UV_RUN_DEFAULT);
    assert_int_equal(uv_loop_close(loop), 0);
}

/* ---- tests --------------------------------------------------------------------- */

static void test_fetch_and_keepalive(void **state)
{
    (void)state;
    server_t *s = server_start("good", 0);
    uv_loop_t loop;
    uv_loop_init(&loop);
    bk_proxy_pool_t *p = bk_proxy_pool_new(&loop);
    tfetch_t t;
    for (int i = 0; i < 3; i++) {
        char path[32];
        snprintf(path, sizeof(path), "/k%d", i);
        fetch_init(&t, "127.0.0.1", s->port, 1, ca_pem, path);
        run_fetch(&loop, p, &t);
        assert_int_equal(t.f.result, BK_PROXY_OK);
        assert_int_equal(t.f.status, 200);
        assert_int_equal(t.f.reused, i > 0);
        char want[64];
        snprintf(want, sizeof(want), "hello %s", path);
        body_is(&t, want);
        assert_int_equal(t.f.nheaders, 2);
        assert_true(bk_str_eq(t.f.headers[0].value, BK_STR("tls")));
        bk_proxy_fetch_release(&t.f);
    }
    /* A body of many records, then the connection is still good. */
    fetch_init(&t, "127.0.0.1", s->port, 1, ca_pem, "/big");
    run_fetch(&loop, p, &t);
    assert_int_equal(t.f.result, BK_PROXY_OK);
    assert_int_equal(t.f.reused, 1);
    assert_int_equal(t.f.resp_body.n, 300000);
    for (size_t i = 0; i < t.f.resp_body.n; i += 9973)
        assert_int_equal(t.f.resp_body.p[i], '0' + (i % 10000) % 10);
    bk_proxy_fetch_release(&t.f);
    fetch_init(&t, "127.0.0.1", s->port, 1, ca_pem, "/after");
    run_fetch(&loop, p, &t);
    assert_int_equal(t.f.result, BK_PROXY_OK);
    body_is(&t, "hello /after");
    bk_proxy_fetch_release(&t.f);
    assert_int_equal(count(s, &s->accepted), 1);
    assert_int_equal(bk_proxy_pool_idle(p), 1);
    pool_close(&loop, p);
}

static void test_session_resumed(void **state)
{
    (void)state;
    server_t *s = server_start("good", 1);
    uv_loop_t loop;
    uv_loop_init(&loop);
    bk_proxy_pool_t *p = bk_proxy_pool_new(&loop);
    tfetch_t t;
    for (int i = 0; i < 3; i++) {
        fetch_init(&t, "localhost", s->port, 1, ca_pem, "/r");
        run_fetch(&loop, p, &t);
        assert_int_equal(t.f.result, BK_PROXY_OK);
        assert_int_equal(t.f.reused, 0);
        /* The first handshake is full, the next ones resume. */
        assert_int_equal(t.f.tls_resumed, i > 0);
        body_is(&t, "hello /r");
        bk_proxy_fetch_release(&t.f);
    }
    assert_int_equal(count(s, &s->accepted), 3);
    assert_int_equal(count(s, &s->resumed), 2);
    pool_close(&loop, p);
}

static void test_pool_separates_schemes(void **state)
{
    (void)state;
    server_t *s = server_start("good", 0);
    uv_loop_t loop;
    uv_loop_init(&loop);
    bk_proxy_pool_t *p = bk_proxy_pool_new(&loop);
    tfetch_t t;
    fetch_init(&t, "127.0.0.1", s->port, 1, ca_pem, "/a");
    run_fetch(&loop, p, &t);
    assert_int_equal(t.f.result, BK_PROXY_OK);
    bk_proxy_fetch_release(&t.f);
    assert_int_equal(bk_proxy_pool_idle(p), 1);
    /* Same host and port, plain HTTP: a new connection, which the TLS
     * server cannot answer in HTTP. */
    fetch_init(&t, "127.0.0.1", s->port, 0, NULL, "/b");
    run_fetch(&loop, p, &t);
    assert_int_equal(t.f.reused, 0);
    assert_int_not_equal(t.f.result, BK_PROXY_OK);
    bk_proxy_fetch_release(&t.f);
    assert_int_equal(count(s, &s->accepted), 2);
    /* The TLS connection is still there for TLS. */
    fetch_init(&t, "127.0.0.1", s->port, 1, ca_pem, "/c");
    run_fetch(&loop, p, &t);
    assert_int_equal(t.f.result, BK_PROXY_OK);
    assert_int_equal(t.f.reused, 1);
    bk_proxy_fetch_release(&t.f);
    /* Another host name for the same address: its own connection. */
    fetch_init(&t, "localhost", s->port, 1, ca_pem, "/d");
    run_fetch(&loop, p, &t);
    assert_int_equal(t.f.result, BK_PROXY_OK);
    assert_int_equal(t.f.reused, 0);
    bk_proxy_fetch_release(&t.f);
    assert_int_equal(count(s, &s->accepted), 3);
    pool_close(&loop, p);
}

static void expect_tls_error(const char *cert, const char *host,
                             const char *ca, unsigned versions,
                             const char *why)
{
    server_t *s = server_start(cert, 0);
    uv_loop_t loop;
    uv_loop_init(&loop);
    bk_proxy_pool_t *p = bk_proxy_pool_new(&loop);
    tfetch_t t;
    fetch_init(&t, host, s->port, 1, ca, "/x");
    t.f.tls_versions = versions;
    run_fetch(&loop, p, &t);
    assert_int_equal(t.f.result, BK_PROXY_TLS);
    if (strstr(t.f.error, why) == NULL)
        fail_msg("error \"%s\" lacks \"%s\"", t.f.error, why);
    assert_int_equal(count(s, &s->handshakes), 0);
    bk_proxy_fetch_release(&t.f);
    assert_int_equal(bk_proxy_pool_idle(p), 0);
    pool_close(&loop, p);
}

static void test_untrusted_certificate(void **state)
{
    (void)state;
    /* Self-signed, and not in the CA file. */
    expect_tls_error("self", "127.0.0.1", ca_pem, 0,
                     "certificate verify failed: self-signed certificate");
    /* Signed by a CA the system store does not have. */
    expect_tls_error("good", "127.0.0.1", NULL, 0,
                     "certificate verify failed: unable to get local issuer");
}

static void test_wrong_name(void **state)
{
    (void)state;
    /* Trusted, but for other.example only. */
    expect_tls_error("other", "127.0.0.1", ca_pem, 0,
                     "certificate verify failed: IP address mismatch");
    expect_tls_error("other", "localhost", ca_pem, 0,
                     "certificate verify failed: hostname mismatch");
}

static void test_setup_errors(void **state)
{
    (void)state;
    expect_tls_error("good", "127.0.0.1", "/nonexistent/ca.pem", 0,
                     "cannot load CA file /nonexistent/ca.pem");
    expect_tls_error("good", "127.0.0.1", ca_pem,
                     BK_PROXY_TLS_V1_0 | BK_PROXY_TLS_V1_1,
                     "allows no version");
}

static void test_versions(void **state)
{
    (void)state;
    server_t *s = server_start("good", 0);
    uv_loop_t loop;
    uv_loop_init(&loop);
    bk_proxy_pool_t *p = bk_proxy_pool_new(&loop);
    tfetch_t t;
    fetch_init(&t, "127.0.0.1", s->port, 1, ca_pem, "/v");
    t.f.tls_versions = BK_PROXY_TLS_V1_2;
    run_fetch(&loop, p, &t);
    assert_int_equal(t.f.result, BK_PROXY_OK);
    bk_proxy_fetch_release(&t.f);
    /* A pooled TLS 1.2-only connection is not used by a default fetch. */
    fetch_init(&t, "127.0.0.1", s->port, 1, ca_pem, "/w");
    run_fetch(&loop, p, &t);
    assert_int_equal(t.f.result, BK_PROXY_OK);
    assert_int_equal(t.f.reused, 0);
    bk_proxy_fetch_release(&t.f);
    assert_int_equal(count(s, &s->accepted), 2);
    pool_close(&loop, p);
}

/* Every allocation on the TLS path fails in turn: each fetch still ends
 * (a result, not a crash), and ASan finds nothing left behind. */
static void test_alloc_failures(void **state)
{
    (void)state;
    server_t *s = server_start("good", 0);
    int ok_seen = 0;
    for (unsigned long n = 1; n < 60; n++) {
        uv_loop_t loop;
        uv_loop_init(&loop);
        bk_proxy_pool_t *p = bk_proxy_pool_new(&loop);
        assert_non_null(p);
        tfetch_t t;
        fetch_init(&t, "127.0.0.1", s->port, 1, ca_pem, "/f");
        bk_alloc_fail_at(n);
        if (bk_proxy_fetch_start(p, &t.f) == BK_OK)
            while (!t.done)
                uv_run(&loop, UV_RUN_ONCE);
        bk_alloc_fail_at(0);
        if (t.done && t.f.result == BK_PROXY_OK) {
            body_is(&t, "hello /f");
            ok_seen++;
        }
        bk_proxy_fetch_release(&t.f);
        pool_close(&loop, p);
    }
    assert_true(ok_seen > 0);
}

int main(void)
{
    /* As brink serve does: a peer's close is an error code, not a signal
     * (the test servers write to connections the client dropped). */
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fetch_and_keepalive),
        cmocka_unit_test(test_session_resumed),
        cmocka_unit_test(test_pool_separates_schemes),
        cmocka_unit_test(test_untrusted_certificate),
        cmocka_unit_test(test_wrong_name),
        cmocka_unit_test(test_setup_errors),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, setup_certs, teardown_certs);
}
