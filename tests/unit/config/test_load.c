/* test_load.c: the distribution-config loader: a full config of every shape
 * lands in the expected structure, every invalid sample gives its exact
 * message, the wrapper shapes, defaults, managed policies, warnings, and
 * failing each allocation in turn. Run from the repository root (tests/run
 * does), since samples live in tests/config/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "core/buf.h"

#define CFG_DIR "tests/config"

static void assert_str(bk_str_t s, const char *want)
{
    if (s.p == NULL)
        fail_msg("NULL string, want \"%s\"", want);
    if (s.n != strlen(want) || memcmp(s.p, want, s.n) != 0)
        fail_msg("got \"%.*s\", want \"%s\"", BK_STR_FMT(s), want);
}

static bk_config_t *load_ok(const char *path)
{
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *c = NULL;
    if (bk_config_load_file(path, 0, &c, err, sizeof(err)) != BK_OK)
        fail_msg("%s", err);
    assert_non_null(c);
    return c;
}

/* Loads JSON text (relative paths against tests/config). */
static int load_str(const char *json, bk_config_t **c, char *err, size_t n)
{
    return bk_config_load_mem(json, strlen(json), "t.json", CFG_DIR, 0, c,
                              err, n);
}

static bk_config_t *load_str_ok(const char *json)
{
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *c = NULL;
    if (load_str(json, &c, err, sizeof(err)) != BK_OK)
        fail_msg("%s", err);
    return c;
}

static void load_str_err(const char *json, const char *want)
{
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *c = (bk_config_t *)1;
    assert_int_equal(load_str(json, &c, err, sizeof(err)), BK_ERR);
    assert_null(c);
    assert_string_equal(err, want);
}

/* A minimal DistributionConfig body around one behaviour's extra fields. */
#define MIN_ORIGINS                                                           \
    "\"Origins\":{\"Quantity\":1,\"Items\":[{\"Id\":\"o\","                   \
    "\"DomainName\":\"127.0.0.1\",\"CustomOriginConfig\":{"                   \
    "\"OriginProtocolPolicy\":\"http-only\"}}]}"
#define MIN_DEFAULT                                                           \
    "\"DefaultCacheBehavior\":{\"TargetOriginId\":\"o\","                     \
    "\"ViewerProtocolPolicy\":\"allow-all\",\"CachePolicyId\":"               \
    "\"CachingDisabled\"}"

/* ---- the full sample --------------------------------------------------- */

static void test_full(void **state)
{
    (void)state;
    bk_config_t *c = load_ok(CFG_DIR "/full.json");

    assert_str(c->etag, "E2QWRUHEXAMPLE");
    assert_str(c->caller_reference, "cli-example-1");
    assert_str(c->comment, "full example");
    assert_true(c->enabled);
    assert_int_equal(c->n_aliases, 2);
    assert_str(c->aliases[1], "*.cdn.example.com");
    assert_str(c->default_root_object, "index.html");

    /* Origins. */
    assert_int_equal(c->n_origins, 3);
    const bk_config_origin_t *app = &c->origins[0];
    assert_str(app->id, "app");
    assert_str(app->domain_name, "app.example.com");
    assert_str(app->origin_path, "/v1");
    assert_int_equal(app->http_port, 8080);
    assert_int_equal(app->https_port, 8443);
    assert_int_equal(app->protocol, BK_CONFIG_ORIGIN_HTTP_ONLY);
    assert_int_equal(app->read_timeout, 45);
    assert_int_equal(app->keepalive_timeout, 10);
    assert_int_equal(app->connection_attempts, 2);
    assert_int_equal(app->connection_timeout, 4);
    assert_int_equal(app->n_headers, 1);
    assert_str(app->headers[0].name, "X-Origin-Secret");
    assert_str(app->headers[0].value, "s3cr3t");
    assert_false(app->s3);
    const bk_config_origin_t *backup = &c->origins[1];
    assert_str(backup->origin_path, "");
    assert_int_equal(backup->protocol, BK_CONFIG_ORIGIN_MATCH_VIEWER);
    assert_int_equal(backup->read_timeout, 30); /* CloudFront defaults */
    assert_int_equal(backup->keepalive_timeout, 5);
    assert_int_equal(backup->connection_attempts, 3);
    assert_int_equal(backup->connection_timeout, 10);
    const bk_config_origin_t *s3 = &c->origins[2];
    assert_true(s3->s3);
    assert_int_equal(s3->http_port, 80);
    assert_int_equal(s3->protocol, BK_CONFIG_ORIGIN_HTTP_ONLY);
    assert_ptr_equal(bk_config_origin(c, BK_STR("backup")), backup);
    assert_null(bk_config_origin(c, BK_STR("nope")));

    /* Origin group. */
    assert_int_equal(c->n_origin_groups, 1);
    const bk_config_origin_group_t *g = &c->origin_groups[0];
    assert_str(g->id, "app-group");
    assert_ptr_equal(g->primary, app);
    assert_ptr_equal(g->secondary, backup);
    assert_int_equal(g->n_status_codes, 3);
    assert_int_equal(g->status_codes[0], 500);
    assert_int_equal(g->status_codes[2], 503);

    /* Default behaviour: group target, managed policies, functions,
     * Lambda association. */
    const bk_config_behavior_t *d = &c->default_behavior;
    assert_str(d->path_pattern, "*");
    assert_null(d->origin);
    assert_ptr_equal(d->origin_group, g);
    assert_int_equal(d->viewer_protocol, BK_CONFIG_VIEWER_REDIRECT_TO_HTTPS);
    assert_int_equal(d->allowed_methods,
                     BK_CONFIG_M_GET | BK_CONFIG_M_HEAD | BK_CONFIG_M_OPTIONS |
                         BK_CONFIG_M_PUT | BK_CONFIG_M_PATCH |
                         BK_CONFIG_M_POST | BK_CONFIG_M_DELETE);
    assert_int_equal(d->cached_methods, BK_CONFIG_M_GET | BK_CONFIG_M_HEAD);
    assert_true(d->compress);
    assert_false(d->legacy);
    assert_non_null(d->cache_policy);
    assert_str(d->cache_policy->name, "CachingOptimized");
    assert_true(d->cache_policy->managed);
    assert_int_equal(d->min_ttl, 1);
    assert_int_equal(d->default_ttl, 86400);
    assert_int_equal(d->max_ttl, 31536000);
    assert_non_null(d->origin_request_policy);
    assert_str(d->origin_request_policy->id,
               "b689b0a8-53d0-40ab-baf2-68738e2966ac");
    assert_non_null(d->viewer_request_fn);
    assert_str(d->viewer_request_fn->name, "rewrite");
    assert_non_null(d->viewer_response_fn);
    assert_str(d->viewer_response_fn->name, "add-headers");
    assert_true(d->lambda[BK_CONFIG_EV_ORIGIN_REQUEST].set);
    assert_true(d->lambda[BK_CONFIG_EV_ORIGIN_REQUEST].include_body);
    assert_str(d->lambda[BK_CONFIG_EV_ORIGIN_REQUEST].arn,
               "arn:aws:lambda:us-east-1:123456789012:function:auth:7");
    assert_false(d->lambda[BK_CONFIG_EV_VIEWER_REQUEST].set);

    /* Ordered behaviours. */
    assert_int_equal(c->n_behaviors, 3);
    const bk_config_behavior_t *api = &c->behaviors[0];
    assert_str(api->path_pattern, "/api/*");
    assert_ptr_equal(api->origin, app);
    assert_int_equal(api->cached_methods,
                     BK_CONFIG_M_GET | BK_CONFIG_M_HEAD | BK_CONFIG_M_OPTIONS);
    const bk_config_cache_policy_t *cp = api->cache_policy;
    assert_non_null(cp);
    assert_false(cp->managed);
    assert_str(cp->id, "api-cache");
    assert_str(cp->name, "api-cache-policy");
    assert_str(cp->comment, "API responses");
    assert_int_equal(cp->min_ttl, 5);
    assert_int_equal(cp->default_ttl, 60);
    assert_int_equal(cp->max_ttl, 600);
    assert_int_equal(api->max_ttl, 600);
    assert_true(cp->gzip);
    assert_false(cp->brotli);
    assert_int_equal(cp->headers.kind, BK_CONFIG_SEL_WHITELIST);
    assert_int_equal(cp->headers.n, 1);
    assert_str(cp->headers.names[0], "Authorization");
    assert_int_equal(cp->cookies.kind, BK_CONFIG_SEL_NONE);
    assert_int_equal(cp->query_strings.kind, BK_CONFIG_SEL_ALL_EXCEPT);
    assert_int_equal(cp->query_strings.n, 2);
    assert_str(cp->query_strings.names[1], "utm_medium");
    const bk_config_origin_request_policy_t *orp = api->origin_request_policy;
    assert_non_null(orp);
    assert_str(orp->name, "api-forward-policy");
    assert_int_equal(orp->headers.kind, BK_CONFIG_SEL_ALL_VIEWER_AND_CF);
    assert_str(orp->headers.names[0], "CloudFront-Viewer-Country");
    assert_int_equal(orp->cookies.kind, BK_CONFIG_SEL_ALL);
    assert_null(api->viewer_request_fn);

    /* Legacy behaviour; the pattern without a leading '/' gets one. */
    const bk_config_behavior_t *img = &c->behaviors[1];
    assert_str(img->path_pattern, "/images/*.jpg");
    assert_ptr_equal(img->origin, s3);
    assert_int_equal(img->viewer_protocol, BK_CONFIG_VIEWER_HTTPS_ONLY);
    assert_true(img->legacy);
    assert_null(img->cache_policy);
    assert_int_equal(img->min_ttl, 60);
    assert_int_equal(img->default_ttl, 3600);
    assert_int_equal(img->max_ttl, 86400);
    assert_true(img->forwarded.query_string);
    assert_int_equal(img->forwarded.query_string_keys.kind,
                     BK_CONFIG_SEL_WHITELIST);
    assert_str(img->forwarded.query_string_keys.names[0], "w");
    assert_int_equal(img->forwarded.headers.kind, BK_CONFIG_SEL_WHITELIST);
    assert_int_equal(img->forwarded.headers.n, 2);
    assert_str(img->forwarded.headers.names[1], "Origin");
    assert_int_equal(img->forwarded.cookies.kind, BK_CONFIG_SEL_WHITELIST);
    assert_str(img->forwarded.cookies.names[0], "session");
    /* Legacy defaults: DefaultTTL one day, MaxTTL one year. */
    const bk_config_behavior_t *leg = &c->behaviors[2];
    assert_int_equal(leg->min_ttl, 0);
    assert_int_equal(leg->default_ttl, 86400);
    assert_int_equal(leg->max_ttl, 31536000);
    assert_int_equal(leg->forwarded.query_string_keys.kind,
                     BK_CONFIG_SEL_NONE);
    assert_int_equal(leg->forwarded.cookies.kind, BK_CONFIG_SEL_NONE);
    assert_int_equal(leg->allowed_methods,
                     BK_CONFIG_M_GET | BK_CONFIG_M_HEAD);

    /* Custom error responses. */
    assert_int_equal(c->n_error_responses, 2);
    assert_int_equal(c->error_responses[0].error_code, 404);
    assert_str(c->error_responses[0].page_path, "/errors/404.html");
    assert_int_equal(c->error_responses[0].response_code, 404);
    assert_int_equal(c->error_responses[0].caching_min_ttl, 30);
    assert_int_equal(c->error_responses[1].error_code, 503);
    assert_int_equal(c->error_responses[1].response_code, 0);
    assert_int_equal(c->error_responses[1].caching_min_ttl, 0);

    /* Brink. */
    assert_string_equal(c->listen.host, "127.0.0.1");
    assert_int_equal(c->listen.port, 18080);
    assert_int_equal(c->listen.sa.ss_family, AF_INET);
    assert_true(c->admin.set);
    assert_string_equal(c->admin.host, "::1");
    assert_int_equal(c->admin.port, 19090);
    assert_int_equal(c->admin.sa.ss_family, AF_INET6);
    assert_int_equal(c->admin.salen, sizeof(struct sockaddr_in6));
    assert_int_equal(c->workers, 2);
    assert_int_equal(c->cache_memory, 64u << 20);
    assert_str(c->node_name, "edge-test-1");
    assert_str(c->pop, "FRA56-C1");
    assert_str(c->distribution_id, "EDFDVBD6EXAMPLE");
    assert_str(c->domain_name, "d111111abcdef8.cloudfront.net");
    assert_string_equal(c->function_log, "/var/log/brink/functions.log");
    /* Relative paths resolve against the config's (real) directory. */
    assert_non_null(strstr(c->access_log, "tests/config/logs/access.log"));
    assert_true(c->access_log[0] == '/');
    assert_int_equal(c->n_functions, 2);
    const bk_config_function_t *rw = bk_config_function(c, BK_STR("rewrite"));
    assert_non_null(rw);
    assert_int_equal(rw->runtime, BK_CONFIG_RUNTIME_JS_2_0);
    assert_non_null(strstr(rw->file, "tests/config/functions/rewrite.js"));
    assert_non_null(rw->kvs_file);
    assert_non_null(strstr(rw->kvs_file, "tests/config/functions/kvs.json"));
    const bk_config_function_t *ah =
        bk_config_function(c, BK_STR("add-headers"));
    assert_int_equal(ah->runtime, BK_CONFIG_RUNTIME_JS_1_0);
    assert_null(ah->kvs_file);
    assert_null(bk_config_function(c, BK_STR("nope")));

    /* Unimplemented fields: one warning each, in order found. */
    assert_int_equal(c->n_warnings, 5);
    assert_string_equal(c->warnings[0],
                        "tests/config/full.json: $.DistributionConfig."
                        "ViewerCertificate: ACM/IAM certificates are not used "
                        "(HTTPS certificate: Brink.ListenTls), ignored");
    assert_non_null(strstr(c->warnings[1], ".PriceClass: "));
    assert_non_null(strstr(c->warnings[2], ".HttpVersion: "));
    assert_non_null(strstr(c->warnings[3], ".IsIPV6Enabled: "));
    assert_string_equal(c->warnings[4],
                        "tests/config/full.json: $.DistributionConfig."
                        "Origins.Items[2].S3OriginConfig: S3 origin treated "
                        "as a plain HTTP origin "
                        "(http://assets.s3.amazonaws.com:80); no OAI/OAC "
                        "request signing");

    /* Behaviour selection, in order, default last. */
    assert_ptr_equal(bk_config_behavior_for(c, BK_STR("/api/v1/users")), api);
    assert_ptr_equal(bk_config_behavior_for(c, BK_STR("/images/a/b.jpg")),
                     img);
    assert_ptr_equal(bk_config_behavior_for(c, BK_STR("/images/a.png")), d);
    assert_ptr_equal(bk_config_behavior_for(c, BK_STR("/")), d);
    bk_config_free(c);
}

/* ---- a typical get-distribution-config output, no Brink object --------- */

static void test_cli_output(void **state)
{
    (void)state;
    bk_config_t *c = load_ok(CFG_DIR "/cli-output.json");
    assert_str(c->etag, "E1XQ2EXAMPLE7");
    assert_int_equal(c->n_origins, 2);
    assert_int_equal(c->origins[0].protocol, BK_CONFIG_ORIGIN_HTTPS_ONLY);
    assert_str(c->origins[1].origin_path, "/public");
    assert_true(c->origins[1].s3);
    assert_int_equal(c->n_behaviors, 1);
    assert_ptr_equal(c->behaviors[0].origin, &c->origins[1]);
    assert_str(c->behaviors[0].origin_request_policy->name, "CORS-S3Origin");
    assert_int_equal(c->behaviors[0].allowed_methods,
                     BK_CONFIG_M_GET | BK_CONFIG_M_HEAD | BK_CONFIG_M_OPTIONS);
    /* Brink defaults apply. */
    assert_int_equal(c->listen.port, 8080);
    /* Only fields that matter are warned about: nothing for disabled
     * logging, empty WebACLId, RestrictionType none, Staging false... */
    static const char *const want[] = {
        "$.DistributionConfig.ViewerCertificate: ",
        "$.DistributionConfig.PriceClass: ",
        "$.DistributionConfig.HttpVersion: ",
        "$.DistributionConfig.IsIPV6Enabled: ",
        "$.DistributionConfig.Origins.Items[1].S3OriginConfig: ",
        "$.DistributionConfig.Origins.Items[1].OriginAccessControlId: ",
    };
    assert_int_equal(c->n_warnings, BK_COUNTOF(want));
    for (size_t i = 0; i < BK_COUNTOF(want); i++)
        if (strstr(c->warnings[i], want[i]) == NULL)
            fail_msg("warning %zu: %s", i, c->warnings[i]);
    bk_config_free(c);
}

/* ---- every invalid sample, exact message ------------------------------- */

static void test_invalid_samples(void **state)
{
    (void)state;
    DIR *dir = opendir(CFG_DIR "/invalid");
    assert_non_null(dir);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(dir)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
            continue;
        char path[512], errpath[512];
        snprintf(path, sizeof(path), CFG_DIR "/invalid/%s", e->d_name);
        snprintf(errpath, sizeof(errpath), CFG_DIR "/invalid/%.*s.err",
                 (int)(l - 5), e->d_name);
        bk_buf_t want;
        bk_buf_init(&want, NULL);
        if (bk_buf_read_file(&want, errpath) != BK_OK)
            fail_msg("%s: no .err file", path);
        while (want.n && want.p[want.n - 1] == '\n')
            want.n--;
        char *w = bk_buf_cstr(&want);
        assert_non_null(w);

        char err[BK_CONFIG_ERR_MAX];
        bk_config_t *c = (bk_config_t *)1;
        int rc = bk_config_load_file(path, 0, &c, err, sizeof(err));
        if (rc != BK_ERR)
            fail_msg("%s: loaded, want error \"%s\"", path, w);
        assert_null(c);
        if (strcmp(err, w) != 0)
            fail_msg("%s:\n  got  %s\n  want %s", path, err, w);
        bk_buf_free(&want);
        n++;
    }
    closedir(dir);
    assert_true(n >= 85); /* the generator writes 90 */
}

/* ---- shapes and defaults ----------------------------------------------- */

static void test_unwrapped_with_brink_inside(void **state)
{
    (void)state;
    bk_config_t *c = load_str_ok(
        "{" MIN_ORIGINS "," MIN_DEFAULT ",\"Brink\":{\"Listen\":\":9000\"}}");
    assert_str(c->etag, "");
    assert_string_equal(c->listen.host, "0.0.0.0");
    assert_int_equal(c->listen.port, 9000);
    assert_int_equal(c->n_warnings, 0);
    bk_config_free(c);
}

static void test_utf8_bom(void **state)
{
    (void)state;
    bk_config_t *c = load_str_ok("\xef\xbb\xbf{" MIN_ORIGINS "," MIN_DEFAULT
                                 "}");
    assert_int_equal(c->n_origins, 1);
    bk_config_free(c);
    /* Only a whole BOM, only at the start. */
    load_str_err("\xef\xbb{}", "t.json:1:0: invalid JSON: unable to decode "
                                "byte 0xef");
}

static void test_wrapped_with_etag(void **state)
{
    (void)state;
    bk_config_t *c = load_str_ok(
        "{\"ETag\":\"E3ABC\",\"DistributionConfig\":{" MIN_ORIGINS
        "," MIN_DEFAULT ",\"Brink\":{\"Workers\":3}}}");
    assert_str(c->etag, "E3ABC");
    assert_int_equal(c->workers, 3);
    bk_config_free(c);
}

static void test_get_distribution_shape(void **state)
{
    (void)state;
    /* `aws cloudfront get-distribution` output: Id and DomainName are
     * taken as defaults for Brink.DistributionId / DomainName. */
    bk_config_t *c = load_str_ok(
        "{\"ETag\":\"E9\",\"Distribution\":{\"Id\":\"E1234567890ABC\","
        "\"Status\":\"Deployed\","
        "\"DomainName\":\"d1.cloudfront.net\",\"DistributionConfig\":{"
        MIN_ORIGINS "," MIN_DEFAULT "}}}");
    assert_str(c->distribution_id, "E1234567890ABC");
    assert_str(c->domain_name, "d1.cloudfront.net");
    /* The rest of Distribution (ARN, Status, ...) is status, ignored. */
    assert_int_equal(c->n_warnings, 0);
    bk_config_free(c);
}

static void test_defaults(void **state)
{
    (void)state;
    bk_config_t *c = load_str_ok("{" MIN_ORIGINS "," MIN_DEFAULT "}");
    assert_true(c->listen.set);
    assert_string_equal(c->listen.host, "127.0.0.1");
    assert_int_equal(c->listen.port, 8080);
    const struct sockaddr_in *a = (const struct sockaddr_in *)&c->listen.sa;
    assert_int_equal(a->sin_family, AF_INET);
    assert_int_equal(ntohs(a->sin_port), 8080);
    assert_int_equal(ntohl(a->sin_addr.s_addr), 0x7f000001);
    assert_false(c->admin.set);
    assert_int_equal(c->workers, 0);
    assert_int_equal(c->cache_memory, 256u << 20);
    assert_null(c->geo_database);
    assert_null(c->access_log);
    assert_str(c->node_name, "brink");
    assert_str(c->pop, "BRK1-C1");
    assert_true(c->enabled);
    assert_int_equal(c->n_behaviors, 0);
    assert_int_equal(c->n_functions, 0);
    assert_ptr_equal(bk_config_behavior_for(c, BK_STR("/x")),
                     &c->default_behavior);
    assert_int_equal(c->default_behavior.max_ttl, 0); /* CachingDisabled */
    bk_config_free(c);
}

static void test_cache_memory_units(void **state)
{
    (void)state;
    static const struct {
        const char *v;
        uint64_t want;
    } cases[] = {
        {"\"256MB\"", 256ull << 20}, {"\"1GiB\"", 1ull << 30},
        {"\"2 G\"", 2ull << 30},     {"\"4096K\"", 4ull << 20},
        {"\"1048576\"", 1ull << 20}, {"3145728", 3ull << 20},
        {"\"1tb\"", 1ull << 40},
    };
    for (size_t i = 0; i < BK_COUNTOF(cases); i++) {
        char json[512];
        snprintf(json, sizeof(json),
                 "{" MIN_ORIGINS "," MIN_DEFAULT
                 ",\"Brink\":{\"CacheMemory\":%s}}",
                 cases[i].v);
        bk_config_t *c = load_str_ok(json);
        assert_int_equal(c->cache_memory, cases[i].want);
        bk_config_free(c);
    }
    load_str_err("{" MIN_ORIGINS "," MIN_DEFAULT
                 ",\"Brink\":{\"CacheMemory\":\"512KB\"}}",
                 "t.json: $.Brink.CacheMemory: 524288 bytes is out of range "
                 "(1048576-1099511627776)");
    load_str_err("{" MIN_ORIGINS "," MIN_DEFAULT
                 ",\"Brink\":{\"CacheMemory\":-5}}",
                 "t.json: $.Brink.CacheMemory: must not be negative");
}

static void test_listen_forms(void **state)
{
    (void)state;
    bk_config_t *c = load_str_ok(
        "{" MIN_ORIGINS "," MIN_DEFAULT ",\"Brink\":{\"Listen\":"
        "\"[::]:443\",\"Admin\":\"localhost:9901\"}}");
    assert_int_equal(c->listen.sa.ss_family, AF_INET6);
    assert_string_equal(c->listen.host, "::");
    assert_int_equal(c->listen.port, 443);
    assert_string_equal(c->admin.host, "127.0.0.1");
    bk_config_free(c);
    load_str_err("{" MIN_ORIGINS "," MIN_DEFAULT
                 ",\"Brink\":{\"Listen\":\"::1:80\"}}",
                 "t.json: $.Brink.Listen: IPv6 addresses go in brackets: "
                 "\"[::1]:8080\"");
    load_str_err("{" MIN_ORIGINS "," MIN_DEFAULT
                 ",\"Brink\":{\"Listen\":\"[::1]\"}}",
                 "t.json: $.Brink.Listen: must be \"[address]:port\"");
    load_str_err("{" MIN_ORIGINS "," MIN_DEFAULT
                 ",\"Brink\":{\"Listen\":\"[::1]:\"}}",
                 "t.json: $.Brink.Listen: port must be 1-65535");
    load_str_err("{" MIN_ORIGINS "," MIN_DEFAULT
                 ",\"Brink\":{\"Listen\":\"[1.2.3.4]:80\"}}",
                 "t.json: $.Brink.Listen: '1.2.3.4' is not a numeric IPv4 "
                 "or [IPv6] address");
    load_str_err("{" MIN_ORIGINS "," MIN_DEFAULT
                 ",\"Brink\":{\"Listen\":\"1.2.3.4:0\"}}",
                 "t.json: $.Brink.Listen: port must be 1-65535");
    load_str_err("{" MIN_ORIGINS "," MIN_DEFAULT
                 ",\"Brink\":{\"Listen\":\"127.0.0.1:80\","
                 "\"Admin\":\"127.0.0.1:80\"}}",
                 "t.json: $.Brink.Admin: same address as Listen");
}

static void test_addr_parse(void **state)
{
    (void)state;
    bk_arena_t a;
    bk_arena_init(&a, 0, 0);
    bk_config_addr_t ad;
    char why[160];
    assert_int_equal(bk_config_addr_parse("10.1.2.3:81", &a, &ad, why,
                                          sizeof(why)),
                     BK_OK);
    assert_string_equal(ad.host, "10.1.2.3");
    assert_int_equal(ad.port, 81);
    assert_true(ad.set);
    assert_int_equal(ad.salen, sizeof(struct sockaddr_in));
    assert_int_equal(bk_config_addr_parse("[fe80::1]:65535", &a, &ad, why,
                                          sizeof(why)),
                     BK_OK);
    assert_string_equal(ad.host, "fe80::1");
    assert_int_equal(ad.port, 65535);
    assert_int_equal(bk_config_addr_parse("host.example:80", &a, &ad, why,
                                          sizeof(why)),
                     BK_ERR);
    assert_string_equal(why, "'host.example' is not a numeric IPv4 or [IPv6] "
                             "address");
    assert_int_equal(bk_config_addr_parse("1.2.3.4:65536", &a, &ad, why,
                                          sizeof(why)),
                     BK_ERR);
    assert_string_equal(why, "port must be 1-65535");
    assert_int_equal(bk_config_addr_parse("", &a, &ad, why, sizeof(why)),
                     BK_ERR);
    assert_string_equal(why, "must be \"address:port\"");
    bk_arena_destroy(&a);
}

static void test_function_file_checked(void **state)
{
    (void)state;
    const char *json = "{" MIN_ORIGINS "," MIN_DEFAULT
                       ",\"Brink\":{\"Functions\":{\"f\":{\"File\":"
                       "\"functions/missing.js\"}}}}";
    load_str_err(json, "t.json: $.Brink.Functions.f.File: cannot read "
                       "tests/config/functions/missing.js: No such file or "
                       "directory");
    /* The fuzzer's flag skips the file system. */
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *c = NULL;
    assert_int_equal(bk_config_load_mem(json, strlen(json), "t.json", "/x",
                                        BK_CONFIG_NO_FILE_CHECKS, &c, err,
                                        sizeof(err)),
                     BK_OK);
    assert_string_equal(c->functions[0].file, "/x/functions/missing.js");
    bk_config_free(c);
}

static void test_warnings_unknown_and_dedupe(void **state)
{
    (void)state;
    bk_config_t *c = load_str_ok(
        "{\"Origins\":{\"Quantity\":1,\"Items\":[{\"Id\":\"o\","
        "\"DomainName\":\"h\",\"Colour\":1,\"CustomOriginConfig\":{"
        "\"OriginProtocolPolicy\":\"http-only\"}}]},"
        "\"DefaultCacheBehavior\":{\"TargetOriginId\":\"o\","
        "\"ViewerProtocolPolicy\":\"allow-all\",\"CachePolicyId\":"
        "\"CachingDisabled\",\"SmoothStreaming\":true},"
        "\"CacheBehaviors\":{\"Quantity\":1,\"Items\":[{\"PathPattern\":"
        "\"/x\",\"TargetOriginId\":\"o\",\"ViewerProtocolPolicy\":"
        "\"allow-all\",\"CachePolicyId\":\"CachingDisabled\","
        "\"SmoothStreaming\":true}]},"
        "\"Logging\":{\"Enabled\":true},\"WebACLId\":\"acl\","
        "\"Restrictions\":{\"GeoRestriction\":{\"RestrictionType\":"
        "\"whitelist\",\"Quantity\":1,\"Items\":[\"DE\"]}}}");
    assert_int_equal(c->n_warnings, 5);
    assert_string_equal(c->warnings[0],
                        "t.json: $.Logging: standard logging to S3 is not "
                        "implemented (use Brink.AccessLog), ignored");
    assert_non_null(strstr(c->warnings[1], "$.Restrictions: geographic"));
    assert_non_null(strstr(c->warnings[2], "$.WebACLId: AWS WAF"));
    assert_string_equal(c->warnings[3],
                        "t.json: $.Origins.Items[0].Colour: unknown field, "
                        "ignored");
    /* SmoothStreaming on two behaviours: named once. */
    assert_string_equal(c->warnings[4],
                        "t.json: $.DefaultCacheBehavior.SmoothStreaming: "
                        "Smooth Streaming is not implemented, ignored");
    bk_config_free(c);
}

static void test_unused_function_warned(void **state)
{
    (void)state;
    bk_config_t *c = load_str_ok(
        "{\"DistributionConfig\":{" MIN_ORIGINS "," MIN_DEFAULT ",\"Brink\":"
        "{\"Functions\":{\"idle\":{\"File\":\"functions/rewrite.js\"}}}}}");
    assert_int_equal(c->n_warnings, 1);
    assert_string_equal(c->warnings[0], "t.json: $.DistributionConfig.Brink."
                                        "Functions.idle: not associated with "
                                        "any cache behaviour, never runs");
    bk_config_free(c);
}

static void test_inline_policy_shapes(void **state)
{
    (void)state;
    /* The same policy as get-cache-policy prints it, as the CachePolicy
     * object, and as the bare config; looked up by id and by Name. */
#define PARAMS                                                                \
    "\"ParametersInCacheKeyAndForwardedToOrigin\":{"                          \
    "\"EnableAcceptEncodingGzip\":true,\"EnableAcceptEncodingBrotli\":true,"  \
    "\"HeadersConfig\":{\"HeaderBehavior\":\"none\"},"                        \
    "\"CookiesConfig\":{\"CookieBehavior\":\"all\"},"                         \
    "\"QueryStringsConfig\":{\"QueryStringBehavior\":\"whitelist\","          \
    "\"QueryStrings\":{\"Quantity\":1,\"Items\":[\"v\"]}}}"
    bk_config_t *c = load_str_ok(
        "{" MIN_ORIGINS ",\"DefaultCacheBehavior\":{\"TargetOriginId\":\"o\","
        "\"ViewerProtocolPolicy\":\"allow-all\",\"CachePolicyId\":\"p1\"},"
        "\"CacheBehaviors\":{\"Quantity\":2,\"Items\":["
        "{\"PathPattern\":\"/2\",\"TargetOriginId\":\"o\","
        "\"ViewerProtocolPolicy\":\"allow-all\",\"CachePolicyId\":\"p2\"},"
        "{\"PathPattern\":\"/3\",\"TargetOriginId\":\"o\","
        "\"ViewerProtocolPolicy\":\"allow-all\",\"CachePolicyId\":"
        "\"third\"}]},"
        "\"Brink\":{\"CachePolicies\":{"
        "\"p1\":{\"ETag\":\"E1\",\"CachePolicy\":{\"Id\":\"p1\","
        "\"LastModifiedTime\":\"2024-01-01T00:00:00Z\",\"CachePolicyConfig\":"
        "{\"Name\":\"first\",\"MinTTL\":0," PARAMS "}}},"
        "\"p2\":{\"Id\":\"p2\",\"CachePolicyConfig\":{\"Name\":\"second\","
        "\"MinTTL\":100000," PARAMS "}},"
        "\"p3\":{\"Name\":\"third\",\"MinTTL\":1,\"DefaultTTL\":40000000,"
        PARAMS "}}}}");
    assert_int_equal(c->n_cache_policies, 3);
    const bk_config_cache_policy_t *p1 = c->default_behavior.cache_policy;
    assert_str(p1->name, "first");
    /* CloudFront's defaults: DefaultTTL max(1 day, MinTTL), MaxTTL
     * max(1 year, DefaultTTL). */
    assert_int_equal(p1->default_ttl, 86400);
    assert_int_equal(p1->max_ttl, 31536000);
    assert_true(p1->brotli);
    assert_int_equal(p1->cookies.kind, BK_CONFIG_SEL_ALL);
    assert_int_equal(p1->query_strings.kind, BK_CONFIG_SEL_WHITELIST);
    const bk_config_cache_policy_t *p2 = c->behaviors[0].cache_policy;
    assert_str(p2->name, "second");
    assert_int_equal(p2->default_ttl, 100000);
    const bk_config_cache_policy_t *p3 = c->behaviors[1].cache_policy;
    assert_str(p3->id, "p3");
    assert_int_equal(p3->max_ttl, 40000000);
    bk_config_free(c);
#undef PARAMS
}

/* ---- managed policies -------------------------------------------------- */

static void test_managed_lookup(void **state)
{
    (void)state;
    assert_int_equal(bk_config_n_managed_cache_policies, 7);
    assert_int_equal(bk_config_n_managed_orps, 8);

    const bk_config_cache_policy_t *opt =
        bk_config_managed_cache_policy(BK_STR("CachingOptimized"));
    assert_non_null(opt);
    assert_ptr_equal(opt, bk_config_managed_cache_policy(
                              BK_STR("658327ea-f89d-4fab-a63d-7e88639e58f6")));
    assert_ptr_equal(opt, bk_config_managed_cache_policy(
                              BK_STR("Managed-CachingOptimized")));
    assert_int_equal(opt->min_ttl, 1);
    assert_int_equal(opt->default_ttl, 86400);
    assert_int_equal(opt->max_ttl, 31536000);
    assert_true(opt->gzip && opt->brotli);
    assert_int_equal(opt->headers.kind, BK_CONFIG_SEL_NONE);

    const bk_config_cache_policy_t *dis = bk_config_managed_cache_policy(
        BK_STR("4135ea2d-6df8-44a3-9df3-4b5a84be39ad"));
    assert_non_null(dis);
    assert_str(dis->name, "CachingDisabled");
    assert_int_equal(dis->max_ttl, 0);
    assert_false(dis->gzip);

    const bk_config_cache_policy_t *uo = bk_config_managed_cache_policy(
        BK_STR("UseOriginCacheControlHeaders-QueryStrings"));
    assert_non_null(uo);
    assert_str(uo->id, "4cc15a8a-d715-48a4-82b8-cc0b614638fe");
    assert_int_equal(uo->default_ttl, 0);
    assert_int_equal(uo->headers.n, 5);
    assert_int_equal(uo->query_strings.kind, BK_CONFIG_SEL_ALL);

    assert_null(bk_config_managed_cache_policy(BK_STR("cachingoptimized")));
    assert_null(bk_config_managed_cache_policy(BK_STR("Managed-")));
    assert_null(bk_config_managed_cache_policy(BK_STR("")));
    assert_null(bk_config_managed_cache_policy(BK_STR("AllViewer")));

    const bk_config_origin_request_policy_t *av =
        bk_config_managed_origin_request_policy(BK_STR("AllViewer"));
    assert_non_null(av);
    assert_str(av->id, "216adef6-5c7f-47e4-b989-5492eafa07d3");
    assert_int_equal(av->headers.kind, BK_CONFIG_SEL_ALL);
    const bk_config_origin_request_policy_t *ex =
        bk_config_managed_origin_request_policy(
            BK_STR("Managed-AllViewerExceptHostHeader"));
    assert_non_null(ex);
    assert_int_equal(ex->headers.kind, BK_CONFIG_SEL_ALL_EXCEPT);
    assert_str(ex->headers.names[0], "Host");
    const bk_config_origin_request_policy_t *s3 =
        bk_config_managed_origin_request_policy(
            BK_STR("88a5eaf4-2fd4-4709-b370-b4c650ea3fcf"));
    assert_non_null(s3);
    assert_str(s3->name, "CORS-S3Origin");
    assert_int_equal(s3->headers.n, 3);
    assert_null(bk_config_managed_origin_request_policy(
        BK_STR("CachingOptimized")));

    /* Every managed id is unique across both tables. */
    for (size_t i = 0; i < bk_config_n_managed_cache_policies; i++) {
        const bk_config_cache_policy_t *p =
            &bk_config_managed_cache_policies[i];
        assert_int_equal(p->id.n, 36);
        assert_ptr_equal(bk_config_managed_cache_policy(p->id), p);
        assert_ptr_equal(bk_config_managed_cache_policy(p->name), p);
        assert_null(bk_config_managed_origin_request_policy(p->id));
        assert_true(p->min_ttl <= p->default_ttl);
        assert_true(p->default_ttl <= p->max_ttl);
    }
    for (size_t i = 0; i < bk_config_n_managed_orps; i++) {
        const bk_config_origin_request_policy_t *p = &bk_config_managed_orps[i];
        assert_int_equal(p->id.n, 36);
        assert_ptr_equal(bk_config_managed_origin_request_policy(p->id), p);
        assert_ptr_equal(bk_config_managed_origin_request_policy(p->name), p);
    }
}

/* ---- path patterns ------------------------------------------------------ */

static void test_path_match(void **state)
{
    (void)state;
    static const struct {
        const char *pat, *path;
        bool want;
    } cases[] = {
        {"*", "/", true},
        {"*", "/any/thing", true},
        {"/images/*", "/images/a.png", true},
        {"/images/*", "/images/", true},
        {"/images/*", "/images", false},
        {"/images/*.jpg", "/images/x/y.jpg", true},
        {"/images/*.jpg", "/images/x.jpeg", false},
        {"*.gif", "/a/b/c.gif", true},
        {"/a?c", "/abc", true},
        {"/a?c", "/ac", false},
        {"/a?c", "/abbc", false},
        {"/API/*", "/api/x", false}, /* case-sensitive */
        {"/a*b*c", "/aXXbYYc", true},
        {"/a*b*c", "/aXXbYY", false},
        {"/exact", "/exact", true},
        {"/exact", "/exact/", false},
        {"/**", "/", true},
    };
    for (size_t i = 0; i < BK_COUNTOF(cases); i++)
        if (bk_config_path_match(bk_str_c(cases[i].pat),
                                 bk_str_c(cases[i].path)) != cases[i].want)
            fail_msg("%s vs %s: want %d", cases[i].pat, cases[i].path,
                     cases[i].want);
    /* Pathological backtracking stays fast (no recursion). */
    char path[4097];
    memset(path, 'a', 4096);
    path[4096] = '\0';
    path[0] = '/';
    assert_false(bk_config_path_match(BK_STR("/*a*a*a*a*a*a*a*b"),
                                      bk_str_c(path)));
}

static void test_list_cap(void **state)
{
    (void)state;
    /* 10001 aliases: refused before any quadratic duplicate check. */
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_buf_append_cstr(&b, "{" MIN_ORIGINS "," MIN_DEFAULT
                                            ",\"Aliases\":{\"Quantity\":"
                                            "10001,\"Items\":["),
                     BK_OK);
    for (int i = 0; i < 10001; i++)
        assert_int_equal(bk_buf_printf(&b, "%s\"h%d.example\"", i ? "," : "",
                                       i),
                         BK_OK);
    assert_int_equal(bk_buf_append_cstr(&b, "]}}"), BK_OK);
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *c = NULL;
    assert_int_equal(bk_config_load_mem(b.p, b.n, "t.json", CFG_DIR, 0, &c,
                                        err, sizeof(err)),
                     BK_ERR);
    assert_string_equal(err, "t.json: $.Aliases.Items: more than 10000 "
                             "entries");
    bk_buf_free(&b);
}

static void test_refs_and_generations(void **state)
{
    (void)state;
    bk_config_t *a = load_str_ok("{" MIN_ORIGINS "," MIN_DEFAULT "}");
    bk_config_t *b = load_str_ok("{" MIN_ORIGINS "," MIN_DEFAULT "}");
    assert_true(a->generation > 0);
    assert_int_equal(b->generation, a->generation + 1);
    /* A failed load uses no generation. */
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *x = NULL;
    assert_int_equal(load_str("{}", &x, err, sizeof(err)), BK_ERR);
    bk_config_t *c = load_str_ok("{" MIN_ORIGINS "," MIN_DEFAULT "}");
    assert_int_equal(c->generation, b->generation + 1);
    /* Two extra references: the config lives until the third unref (ASan
     * reports a use-after-free or leak otherwise). */
    assert_ptr_equal(bk_config_ref(a), a);
    bk_config_ref(a);
    bk_config_unref(a);
    bk_config_unref(a);
    assert_int_equal(a->n_origins, 1);
    bk_config_unref(a);
    bk_config_unref(NULL);
    bk_config_free(b);
    bk_config_unref(c);
}

static void test_file_errors(void **state)
{
    (void)state;
    char err[BK_CONFIG_ERR_MAX];
    bk_config_t *c = (bk_config_t *)1;
    assert_int_equal(bk_config_load_file(CFG_DIR "/no-such.json", 0, &c, err,
                                         sizeof(err)),
                     BK_ERR);
    assert_null(c);
    assert_string_equal(err, CFG_DIR "/no-such.json: cannot read: No such "
                             "file or directory");
    /* A sparse 17 MiB file is refused without being read. */
    char path[] = "/tmp/bk_config_big_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 17 << 20), 0);
    close(fd);
    assert_int_equal(bk_config_load_file(path, 0, &c, err, sizeof(err)),
                     BK_ERR);
    char want[256];
    snprintf(want, sizeof(want), "%s: larger than 16 MiB", path);
    assert_string_equal(err, want);
    unlink(path);
    /* A directory. */
    assert_int_equal(bk_config_load_file(CFG_DIR, 0, &c, err, sizeof(err)),
                     BK_ERR);
    assert_string_equal(err, CFG_DIR ": cannot read: Is a directory");
}

/* ---- allocation failures ----------------------------------------------- */

/* Fails the 1st, 2nd, ... allocation of a load until one succeeds: each
 * failure must be a clean "out of memory" with no config and no leak (ASan
 * checks the latter in `make test SAN=1`). Returns the number of failures. */
static int fail_each_alloc(const void *p, size_t n, size_t want_behaviors)
{
    int failures = 0;
    for (unsigned long k = 1;; k++) {
        char err[BK_CONFIG_ERR_MAX];
        bk_config_t *c = (bk_config_t *)1;
        bk_alloc_fail_at(k);
        int rc = bk_config_load_mem(p, n, "a.json", CFG_DIR, 0, &c, err,
                                    sizeof(err));
        bk_alloc_fail_at(0);
        if (rc == BK_OK) {
            /* Past the last allocation: the whole config is there. */
            assert_non_null(c);
            assert_int_equal(c->n_behaviors, want_behaviors);
            bk_config_free(c);
            return failures;
        }
        assert_null(c);
        assert_string_equal(err, "a.json: out of memory");
        failures++;
        assert_true(k < 100000);
    }
}

static void test_alloc_failures(void **state)
{
    (void)state;
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_buf_read_file(&b, CFG_DIR "/full.json"), BK_OK);
    /* The hook really hits the loader: dozens of allocations. */
    assert_true(fail_each_alloc(b.p, b.n, 3) > 50);
    bk_buf_free(&b);

    static const char *const more[] = {
        "{\"ETag\":\"E9\",\"Distribution\":{\"Id\":\"E1\","
        "\"DistributionConfig\":{" MIN_ORIGINS "," MIN_DEFAULT
        ",\"Brink\":{\"Listen\":\"[::1]:80\",\"Colour\":1}}}}",
        "{" MIN_ORIGINS "," MIN_DEFAULT ",\"CacheBehaviors\":{\"Quantity\":1,"
        "\"Items\":[{\"PathPattern\":\"x/*\",\"TargetOriginId\":\"o\","
        "\"ViewerProtocolPolicy\":\"allow-all\",\"ForwardedValues\":{"
        "\"QueryString\":true,\"Cookies\":{\"Forward\":\"whitelist\","
        "\"WhitelistedNames\":{\"Quantity\":1,\"Items\":[\"a\"]}},"
        "\"Headers\":{\"Quantity\":1,\"Items\":[\"*\"]}}}]}}",
    };
    assert_true(fail_each_alloc(more[0], strlen(more[0]), 0) > 5);
    assert_true(fail_each_alloc(more[1], strlen(more[1]), 1) > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full),
        cmocka_unit_test(test_cli_output),
        cmocka_unit_test(test_invalid_samples),
        cmocka_unit_test(test_unwrapped_with_brink_inside),
        cmocka_unit_test(test_utf8_bom),
        cmocka_unit_test(test_wrapped_with_etag),
        cmocka_unit_test(test_get_distribution_shape),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_cache_memory_units),
        cmocka_unit_test(test_listen_forms),
        cmocka_unit_test(test_addr_parse),
        cmocka_unit_test(test_function_file_checked),
        cmocka_unit_test(test_warnings_unknown_and_dedupe),
        cmocka_unit_test(test_unused_function_warned),
        cmocka_unit_test(test_inline_policy_shapes),
        cmocka_unit_test(test_managed_lookup),
        cmocka_unit_test(test_path_match),
        cmocka_unit_test(test_list_cap),
        cmocka_unit_test(test_refs_and_generations),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
