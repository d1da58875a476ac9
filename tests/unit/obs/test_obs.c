/* test_obs.c: access-log lines and Prometheus rendering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "obs/accesslog.h"
#include "obs/metrics.h"

static int count_char(const char *s, char c)
{
    int n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

static void test_access_line_fields(void **state)
{
    (void)state;
    bk_obs_access_rec_t r = {0};
    r.start.tv_sec = 1700000000; /* 2023-11-14 22:13:20 UTC */
    r.edge_location = BK_STR("LOCAL1-P1");
    r.sc_bytes = 1234;
    r.c_ip = BK_STR("127.0.0.1");
    r.method = BK_STR("GET");
    r.host = BK_STR("d111111abcdef8.cloudfront.net");
    r.uri_stem = BK_STR("/a b.html");
    r.status = 200;
    r.user_agent = BK_STR("curl/8.0 (x\ty)");
    r.result_type = BK_STR("Hit");
    r.request_id = BK_STR("abc==");
    r.host_header = BK_STR("example.com");
    r.protocol = BK_STR("http");
    r.cs_bytes = 80;
    r.time_taken = 0.0015;
    r.response_result_type = BK_STR("Hit");
    r.protocol_version = BK_STR("HTTP/1.1");
    r.c_port = 54321;
    r.time_to_first_byte = 0.001;
    r.detailed_result_type = BK_STR("Hit");
    r.content_type = BK_STR("text/html");
    r.content_len = 1000;
    r.range_start = -1;
    r.range_end = -1;
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_obs_access_format(&b, &r), BK_OK);
    const char *line = bk_buf_cstr(&b);
    assert_int_equal(count_char(line, '\t'), 32); /* 33 fields */
    assert_int_equal(count_char(line, '\n'), 1);
    assert_non_null(strstr(line, "2023-11-14\t22:13:20\tLOCAL1-P1\t1234\t"));
    assert_non_null(strstr(line, "\t/a%20b.html\t200\t-\tcurl/8.0%20(x%09y)\t-\t-\tHit\tabc==\t"));
    assert_non_null(strstr(line, "\t80\t0.002\t-\t-\t-\tHit\tHTTP/1.1\t-\t-\t54321\t0.001\tHit\ttext/html\t1000\t-\t-\n"));
    bk_buf_free(&b);

    r.status = 0;
    bk_buf_init(&b, NULL);
    assert_int_equal(bk_obs_access_format(&b, &r), BK_OK);
    assert_non_null(strstr(bk_buf_cstr(&b), "\t000\t"));
    bk_buf_free(&b);

    bk_buf_init(&b, NULL);
    assert_int_equal(bk_obs_access_header(&b), BK_OK);
    line = bk_buf_cstr(&b);
    assert_true(strncmp(line, "#Version: 1.0\n#Fields: date time ", 33) == 0);
    /* 33 field names after "#Fields:" */
    assert_int_equal(count_char(strchr(line, 'F'), ' '), 33);
    bk_buf_free(&b);
}

static void test_metrics_render(void **state)
{
    (void)state;
    bk_obs_fn_metrics_t f1[1] = {{.name = "rewrite"}};
    bk_obs_fn_metrics_t f2[1] = {{.name = "rewrite"}};
    bk_obs_metrics_t a = {0}, b = {0};
    a.fns = f1; a.nfns = 1;
    b.fns = f2; b.nfns = 1;
    bk_obs_count_status(&a, 200);
    bk_obs_count_status(&a, 200);
    bk_obs_count_status(&b, 200);
    bk_obs_count_status(&b, 503);
    bk_obs_count_status(&b, 999);
    a.cache_hits = 5;
    b.cache_hits = 7;
    bk_obs_hist_observe(&a.origin_latency, bk_obs_latency_bounds,
                        BK_OBS_LATENCY_BUCKETS, 0.003);
    bk_obs_hist_observe(&b.origin_latency, bk_obs_latency_bounds,
                        BK_OBS_LATENCY_BUCKETS, 10);
    bk_obs_fn(&a, "rewrite")->invocations = 3;
    bk_obs_fn(&b, "rewrite")->invocations = 4;
    bk_obs_hist_observe(&bk_obs_fn(&a, "rewrite")->compute, bk_obs_cu_bounds,
                        BK_OBS_CU_BUCKETS, 21);
    assert_null(bk_obs_fn(&a, "nope"));

    bk_obs_metrics_t *w[2] = {&a, &b};
    bk_buf_t out;
    bk_buf_init(&out, NULL);
    assert_int_equal(bk_obs_metrics_render(&out, w, 2), BK_OK);
    const char *s = bk_buf_cstr(&out);
    assert_non_null(strstr(s, "brink_requests_total{status=\"200\"} 3\n"));
    assert_non_null(strstr(s, "brink_requests_total{status=\"503\"} 1\n"));
    assert_non_null(strstr(s, "brink_requests_total{status=\"0\"} 1\n"));
    assert_non_null(strstr(s, "\nbrink_cache_hits_total 12\n"));
    assert_non_null(strstr(s, "brink_origin_latency_seconds_bucket{le=\"0.0025\"} 0\n"));
    assert_non_null(strstr(s, "brink_origin_latency_seconds_bucket{le=\"0.005\"} 1\n"));
    assert_non_null(strstr(s, "brink_origin_latency_seconds_bucket{le=\"5\"} 1\n"));
    assert_non_null(strstr(s, "brink_origin_latency_seconds_bucket{le=\"+Inf\"} 2\n"));
    assert_non_null(strstr(s, "brink_origin_latency_seconds_count 2\n"));
    assert_non_null(strstr(s, "brink_function_invocations_total{function=\"rewrite\"} 7\n"));
    assert_non_null(strstr(s, "brink_function_compute_utilization_bucket{function=\"rewrite\",le=\"20\"} 0\n"));
    assert_non_null(strstr(s, "brink_function_compute_utilization_bucket{function=\"rewrite\",le=\"30\"} 1\n"));
    assert_non_null(strstr(s, "brink_function_compute_utilization_count{function=\"rewrite\"} 1\n"));
    bk_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_access_line_fields),
        cmocka_unit_test(test_metrics_render),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
