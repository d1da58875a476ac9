/*
 * cmd_test_function.c: `brink test-function FUNCTION.js --event-object
 * EVENT.json [--runtime R] [--stage S] [--kvs STORE.json] [--name NAME]`.
 *
 * Prints what `aws cloudfront test-function` prints: {"TestResult":
 * {FunctionSummary, ComputeUtilization, FunctionExecutionLogs,
 * FunctionErrorMessage, FunctionOutput}}, indented like the AWS CLI.
 * Exit status: 0 the function ran and its result is valid; 1
 * FunctionErrorMessage is not empty (exception, validation failure, limit,
 * code refused); 2 usage errors (missing or unreadable file, invalid JSON).
 * Users' CI scripts rely on this contract: keep it stable.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "edge/cff.h"

int bk_cli_test_function(int argc, char **argv);

static int usage(const char *why)
{
    if (why)
        fprintf(stderr, "brink test-function: %s\n", why);
    fprintf(stderr,
            "usage: brink test-function FUNCTION.js --event-object EVENT.json\n"
            "         [--runtime cloudfront-js-1.0|cloudfront-js-2.0]\n"
            "         [--stage DEVELOPMENT|LIVE] [--kvs STORE.json] [--name NAME]\n");
    return 2;
}

/* Accepts the AWS CLI's fileb:// and file:// prefixes too. */
static const char *strip_scheme(const char *p)
{
    if (strncmp(p, "fileb://", 8) == 0)
        return p + 8;
    if (strncmp(p, "file://", 7) == 0)
        return p + 7;
    return p;
}

static void iso_time(time_t t, char *out, size_t n)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d.000000+00:00",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
             tm.tm_sec);
}

/* The function's name: --name, else the file's base name, restricted to
 * CloudFront's [a-zA-Z0-9-_]{1,64}. */
static void default_name(const char *path, char *out, size_t n)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t o = 0;
    for (; *b && *b != '.' && o + 1 < n && o < 64; b++) {
        char c = *b;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || c == '-' || c == '_';
        out[o++] = ok ? c : '_';
    }
    out[o] = '\0';
    if (o == 0)
        snprintf(out, n, "function");
}

int bk_cli_test_function(int argc, char **argv)
{
    const char *fn_path = NULL, *ev_path = NULL, *kvs_path = NULL;
    const char *name = NULL, *stage = "DEVELOPMENT";
    bk_js_runtime_t rt = BK_JS_RUNTIME_2_0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--event-object") == 0 && v) {
            ev_path = strip_scheme(v);
            i++;
        } else if (strcmp(a, "--runtime") == 0 && v) {
            if (strcmp(v, "cloudfront-js-1.0") == 0)
                rt = BK_JS_RUNTIME_1_0;
            else if (strcmp(v, "cloudfront-js-2.0") == 0)
                rt = BK_JS_RUNTIME_2_0;
            else
                return usage("--runtime takes cloudfront-js-1.0 or cloudfront-js-2.0");
            i++;
        } else if (strcmp(a, "--stage") == 0 && v) {
            if (strcmp(v, "DEVELOPMENT") != 0 && strcmp(v, "LIVE") != 0)
                return usage("--stage takes DEVELOPMENT or LIVE");
            stage = v;
            i++;
        } else if (strcmp(a, "--kvs") == 0 && v) {
            kvs_path = strip_scheme(v);
            i++;
        } else if (strcmp(a, "--name") == 0 && v) {
            name = v;
            i++;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(NULL);
            return 0;
        } else if (v == NULL &&
                   (strcmp(a, "--event-object") == 0 || strcmp(a, "--runtime") == 0 ||
                    strcmp(a, "--stage") == 0 || strcmp(a, "--kvs") == 0 ||
                    strcmp(a, "--name") == 0)) {
            char m[64];
            snprintf(m, sizeof(m), "%s needs a value", a);
            return usage(m);
        } else if (a[0] == '-' || fn_path != NULL) {
            char m[256];
            snprintf(m, sizeof(m), "unexpected argument '%s'", a);
            return usage(m);
        } else {
            fn_path = strip_scheme(a);
        }
    }
    if (fn_path == NULL)
        return usage("no FUNCTION.js given");
    if (ev_path == NULL)
        return usage("--event-object EVENT.json is required");

    char fname[65];
    if (name != NULL) {
        if (strlen(name) == 0 || strlen(name) > 64 ||
            strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                         "0123456789-_") != strlen(name))
            return usage("--name must match [a-zA-Z0-9-_]{1,64}");
        snprintf(fname, sizeof(fname), "%s", name);
    } else {
        default_name(fn_path, fname, sizeof(fname));
    }

    int status = 2;
    bk_buf_t code, evjson, out;
    bk_buf_init(&code, NULL);
    bk_buf_init(&evjson, NULL);
    bk_buf_init(&out, NULL);
    bk_arena_t arena;
    bk_arena_init(&arena, 65536, 0);
    bk_cff_kvs_t *kvs = NULL;
    bk_cff_fn_t *fn = NULL;
    bk_js_ctx_t *ctx = NULL;
    json_t *root = NULL;
    char err[1024];
    struct stat st;

    if (bk_buf_read_file(&code, fn_path) != BK_OK) {
        fprintf(stderr, "brink test-function: cannot read %s: %s\n", fn_path,
                strerror(errno));
        goto out;
    }
    if (stat(fn_path, &st) != 0)
        st.st_mtime = time(NULL);
    if (bk_buf_read_file(&evjson, ev_path) != BK_OK) {
        fprintf(stderr, "brink test-function: cannot read %s: %s\n", ev_path,
                strerror(errno));
        goto out;
    }
    bk_cff_event_t ev;
    if (bk_cff_event_from_json((const char *)evjson.p, evjson.n, ev_path, &arena,
                               &ev, err, sizeof(err)) != BK_OK) {
        fprintf(stderr, "brink test-function: %s\n", err);
        goto out;
    }
    if (kvs_path != NULL && (kvs = bk_cff_kvs_load(kvs_path, err, sizeof(err))) == NULL) {
        fprintf(stderr, "brink test-function: %s\n", err);
        goto out;
    }

    bk_cff_result_t res;
    memset(&res, 0, sizeof(res));
    res.message = "";
    fn = bk_cff_load(fname, (const char *)code.p, code.n, rt, kvs, err, sizeof(err));
    if (fn == NULL) {
        res.outcome = BK_CFF_EXEC_ERROR;
        res.message = err;
    } else if ((ctx = bk_cff_ctx_new(fn)) == NULL) {
        fprintf(stderr, "brink test-function: out of memory\n");
        status = 1;
        goto out;
    } else {
        (void)bk_cff_run(fn, ctx, &ev, &arena, &res);
    }

    /* The TestResult object, key order as the AWS CLI prints it. */
    char created[64], arn[160];
    iso_time(st.st_mtime, created, sizeof(created));
    const char *acct = getenv("BRINK_ACCOUNT_ID");
    snprintf(arn, sizeof(arn), "arn:aws:cloudfront::%s:function/%s",
             acct && *acct ? acct : "000000000000", fname);
    json_t *cfg = json_pack("{s:s,s:s}", "Comment", "", "Runtime",
                            rt == BK_JS_RUNTIME_1_0 ? "cloudfront-js-1.0"
                                                    : "cloudfront-js-2.0");
    if (kvs_path != NULL) {
        char kvs_arn[200];
        snprintf(kvs_arn, sizeof(kvs_arn),
                 "arn:aws:cloudfront::%s:key-value-store/local-%s",
                 acct && *acct ? acct : "000000000000", fname);
        json_object_set_new(cfg, "KeyValueStoreAssociations",
                            json_pack("{s:i,s:[{s:s}]}", "Quantity", 1, "Items",
                                      "KeyValueStoreARN", kvs_arn));
    }
    json_t *logs = json_array();
    for (size_t i = 0; i < res.nlogs; i++)
    {
        json_t *line = json_string(res.logs[i]);
        /* A line that is not UTF-8 is kept with its bytes replaced. */
        json_array_append_new(logs, line ? line : json_string("(not UTF-8)"));
    }
    if (res.outcome == BK_CFF_OK && bk_cff_output_json(&res, &out) != BK_OK) {
        fprintf(stderr, "brink test-function: out of memory\n");
        status = 1;
        goto out;
    }
    char cu[16];
    snprintf(cu, sizeof(cu), "%u", res.utilization);
    json_t *summary = json_pack(
        "{s:s,s:s,s:o,s:{s:s,s:s,s:s,s:s}}", "Name", fname, "Status",
        strcmp(stage, "LIVE") == 0 ? "UNASSOCIATED" : "UNPUBLISHED",
        "FunctionConfig", cfg, "FunctionMetadata", "FunctionARN", arn, "Stage",
        stage, "CreatedTime", created, "LastModifiedTime", created);
    json_t *output = json_stringn((const char *)out.p, out.n);
    if (output == NULL) /* not valid UTF-8: keep it readable */
        output = json_string("");
    root = json_pack("{s:{s:o,s:s,s:o,s:s,s:o}}", "TestResult", "FunctionSummary",
                     summary, "ComputeUtilization", cu, "FunctionExecutionLogs", logs,
                     "FunctionErrorMessage", res.message ? res.message : "",
                     "FunctionOutput", output);
    char *text = root ? json_dumps(root, JSON_INDENT(4) | JSON_PRESERVE_ORDER) : NULL;
    if (text == NULL) {
        fprintf(stderr, "brink test-function: out of memory\n");
        status = 1;
        goto out;
    }
    puts(text);
    free(text);
    status = (res.message && res.message[0]) ? 1 : 0;
out:
    json_decref(root);
    if (ctx)
        bk_js_ctx_free(ctx);
    bk_cff_free(fn);
    bk_cff_kvs_free(kvs);
    bk_arena_destroy(&arena);
    bk_buf_free(&code);
    bk_buf_free(&evjson);
    bk_buf_free(&out);
    return status;
}
