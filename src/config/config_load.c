/*
 * config_load.c: the loader's driver and plumbing: JSON parsing (jansson),
 * the wrapper shapes, the `Brink` object, the JSON-path error messages, the
 * typed getters and warnings. The distribution itself is read in
 * config_dist.c, policies in config_policy.c.
 *
 * Invariant: a load builds everything in one fresh arena and hands it out
 * only when every check passed; on any error (or allocation failure) the
 * arena is dropped whole, so nothing half-loaded escapes.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config_int.h"
#include "core/buf.h"

/* A config is small; the cap only stops a hostile file from eating memory. */
#define CONFIG_ARENA_FIRST (16 * 1024)
#define CONFIG_ARENA_CAP (64u * 1024 * 1024)
#define CONFIG_FILE_MAX (16 * 1024 * 1024)
/* Longest map key shown in a path before it is cut. */
#define PATH_KEY_MAX 64

/* ======================================================================
 * Path and messages
 * ====================================================================== */

static void path_append(bk_config__ld_t *ld, const char *s, size_t n)
{
    size_t room = sizeof(ld->path) - 1 - ld->plen;
    if (n > room)
        n = room;
    memcpy(ld->path + ld->plen, s, n);
    ld->plen += n;
    ld->path[ld->plen] = '\0';
}

static bool is_ident(const char *k)
{
    if (!(isalpha((unsigned char)k[0]) || k[0] == '_'))
        return false;
    for (const char *p = k; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_'))
            return false;
    return true;
}

size_t bk_config__push(bk_config__ld_t *ld, const char *key)
{
    size_t old = ld->plen;
    if (is_ident(key)) {
        path_append(ld, ".", 1);
        path_append(ld, key, strlen(key));
        return old;
    }
    /* Map keys chosen by users (policy ids, function names) are quoted;
     * control bytes are shown as '?', long keys are cut. */
    path_append(ld, "[\"", 2);
    size_t n = 0;
    for (const char *p = key; *p && n < PATH_KEY_MAX; p++, n++) {
        char c = *p;
        if (c == '"' || c == '\\')
            path_append(ld, "\\", 1);
        if ((unsigned char)c < 0x20 || c == 0x7f)
            c = '?';
        path_append(ld, &c, 1);
    }
    if (key[n] != '\0')
        path_append(ld, "...", 3);
    path_append(ld, "\"]", 2);
    return old;
}

size_t bk_config__push_idx(bk_config__ld_t *ld, size_t i)
{
    size_t old = ld->plen;
    char b[32];
    int n = snprintf(b, sizeof(b), "[%zu]", i);
    path_append(ld, b, (size_t)n);
    return old;
}

void bk_config__pop(bk_config__ld_t *ld, size_t old)
{
    ld->plen = old;
    ld->path[old] = '\0';
}

static int vfail(bk_config__ld_t *ld, const char *key, const char *fmt,
                 va_list ap)
{
    if (ld->failed)
        return BK_ERR; /* keep the first error */
    ld->failed = true;
    size_t old = ld->plen;
    if (key != NULL)
        bk_config__push(ld, key);
    int n = snprintf(ld->err, ld->errlen, "%s: $%s: ", ld->source, ld->path);
    if (n >= 0 && (size_t)n < ld->errlen)
        vsnprintf(ld->err + n, ld->errlen - (size_t)n, fmt, ap);
    bk_config__pop(ld, old);
    return BK_ERR;
}

int bk_config__fail(bk_config__ld_t *ld, const char *key, const char *fmt,
                    ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(ld, key, fmt, ap);
    va_end(ap);
    return BK_ERR;
}

int bk_config__oom(bk_config__ld_t *ld)
{
    if (!ld->failed) {
        ld->failed = true;
        snprintf(ld->err, ld->errlen, "%s: out of memory", ld->source);
    }
    return BK_ERR;
}

int bk_config__warn(bk_config__ld_t *ld, const char *key, const char *fmt,
                    ...)
{
    /* Keyed warnings are given once per field name; path warnings (key
     * NULL) are unique already, since JSON keys are. 'key' is always a
     * string literal. */
    if (key != NULL) {
        for (size_t i = 0; i < ld->n_warned; i++)
            if (strcmp(ld->warned[i], key) == 0)
                return BK_OK;
        if (ld->n_warned < BK_COUNTOF(ld->warned))
            ld->warned[ld->n_warned++] = key;
    }
    bk_config__warn_t *w = bk_config__alloc(ld, 1, sizeof(*w));
    if (w == NULL)
        return BK_ERR;

    size_t old = ld->plen;
    if (key != NULL)
        bk_config__push(ld, key);
    char msg[BK_CONFIG_ERR_MAX];
    int n = snprintf(msg, sizeof(msg), "%s: $%s: ", ld->source, ld->path);
    bk_config__pop(ld, old);
    if (n >= 0 && (size_t)n < sizeof(msg)) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
        va_end(ap);
    }
    w->msg = bk_config__strdup(ld, msg, strlen(msg));
    if (w->msg == NULL)
        return BK_ERR;
    if (ld->warn_tail != NULL)
        ld->warn_tail->next = w;
    else
        ld->warn_head = w;
    ld->warn_tail = w;
    ld->n_warn++;
    return BK_OK;
}

int bk_config__check_keys(bk_config__ld_t *ld, json_t *obj,
                          const char *const *known)
{
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        bool found = false;
        for (const char *const *p = known; *p != NULL; p++)
            if (strcmp(*p, k) == 0) {
                found = true;
                break;
            }
        if (found)
            continue;
        /* Dedupe per path, so each unknown field is named once. */
        size_t old = bk_config__push(ld, k);
        int rc = bk_config__warn(ld, NULL, "unknown field, ignored");
        bk_config__pop(ld, old);
        if (rc != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

/* ======================================================================
 * Memory
 * ====================================================================== */

void *bk_config__alloc(bk_config__ld_t *ld, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size) {
        bk_config__oom(ld);
        return NULL;
    }
    size_t bytes = n * size;
    void *p = bk_arena_calloc(ld->a, bytes != 0 ? bytes : 1);
    if (p == NULL)
        bk_config__oom(ld);
    return p;
}

char *bk_config__strdup(bk_config__ld_t *ld, const char *s, size_t n)
{
    char *p = bk_arena_strndup(ld->a, s, n);
    if (p == NULL)
        bk_config__oom(ld);
    return p;
}

/* ======================================================================
 * Typed getters
 * ====================================================================== */

static const char *type_name(json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* The member, NULL when absent or null (error when required). */
static int member(bk_config__ld_t *ld, json_t *obj, const char *key,
                  unsigned fl, json_t **out)
{
    json_t *v = json_object_get(obj, key);
    if (v != NULL && json_is_null(v))
        v = NULL;
    if (v == NULL && (fl & BK_CONFIG__REQ))
        return bk_config__fail(ld, key, "required field is missing");
    *out = v;
    return BK_OK;
}

int bk_config__get_obj(bk_config__ld_t *ld, json_t *obj, const char *key,
                       unsigned fl, json_t **out)
{
    json_t *v;
    if (member(ld, obj, key, fl, &v) != BK_OK)
        return BK_ERR;
    if (v == NULL)
        return BK_OK;
    if (!json_is_object(v))
        return bk_config__fail(ld, key, "must be an object, not %s",
                               type_name(v));
    *out = v;
    return BK_OK;
}

int bk_config__get_str(bk_config__ld_t *ld, json_t *obj, const char *key,
                       unsigned fl, size_t max, bk_str_t *out)
{
    json_t *v;
    if (member(ld, obj, key, fl, &v) != BK_OK)
        return BK_ERR;
    if (v == NULL)
        return BK_OK;
    if (!json_is_string(v))
        return bk_config__fail(ld, key, "must be a string, not %s",
                               type_name(v));
    size_t n = json_string_length(v);
    if (max != 0 && n > max)
        return bk_config__fail(ld, key, "longer than %zu characters", max);
    char *p = bk_config__strdup(ld, json_string_value(v), n);
    if (p == NULL)
        return BK_ERR;
    *out = bk_str(p, n);
    return BK_OK;
}

int bk_config__get_bool(bk_config__ld_t *ld, json_t *obj, const char *key,
                        unsigned fl, bool *out)
{
    json_t *v;
    if (member(ld, obj, key, fl, &v) != BK_OK)
        return BK_ERR;
    if (v == NULL)
        return BK_OK;
    if (!json_is_boolean(v))
        return bk_config__fail(ld, key, "must be true or false, not %s",
                               type_name(v));
    *out = json_is_true(v);
    return BK_OK;
}

int bk_config__get_int(bk_config__ld_t *ld, json_t *obj, const char *key,
                       unsigned fl, int64_t min, int64_t max, int64_t *out)
{
    json_t *v;
    if (member(ld, obj, key, fl, &v) != BK_OK)
        return BK_ERR;
    if (v == NULL)
        return BK_OK;
    if (!json_is_integer(v))
        return bk_config__fail(ld, key, "must be an integer, not %s",
                               type_name(v));
    json_int_t i = json_integer_value(v);
    if (i < min || i > max)
        return bk_config__fail(ld, key, "%lld is out of range (%lld-%lld)",
                               (long long)i, (long long)min, (long long)max);
    *out = (int64_t)i;
    return BK_OK;
}

int bk_config__get_enum(bk_config__ld_t *ld, json_t *obj, const char *key,
                        unsigned fl, const char *const *names, int *out)
{
    json_t *v;
    if (member(ld, obj, key, fl, &v) != BK_OK)
        return BK_ERR;
    if (v == NULL)
        return BK_OK;
    if (!json_is_string(v))
        return bk_config__fail(ld, key, "must be a string, not %s",
                               type_name(v));
    const char *s = json_string_value(v);
    for (int i = 0; names[i] != NULL; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return BK_OK;
        }
    /* List the accepted values: users mostly mistype case. */
    char list[256];
    size_t n = 0;
    list[0] = '\0';
    for (int i = 0; names[i] != NULL && n < sizeof(list); i++) {
        int w = snprintf(list + n, sizeof(list) - n, "%s%s", i ? ", " : "",
                         names[i]);
        if (w < 0)
            break;
        n += (size_t)w;
    }
    return bk_config__fail(ld, key, "must be one of: %s", list);
}

int bk_config__get_list(bk_config__ld_t *ld, json_t *obj, const char *key,
                        unsigned fl, json_t **items, size_t *n)
{
    *items = NULL;
    *n = 0;
    json_t *l = NULL;
    if (bk_config__get_obj(ld, obj, key, fl, &l) != BK_OK)
        return BK_ERR;
    if (l == NULL)
        return BK_OK;
    size_t old = bk_config__push(ld, key);
    int64_t q = -1;
    int rc = BK_ERR;
    json_t *it = NULL;
    if (bk_config__get_int(ld, l, "Quantity", BK_CONFIG__REQ, 0, INT32_MAX,
                           &q) != BK_OK)
        goto out;
    it = json_object_get(l, "Items");
    if (it != NULL && json_is_null(it))
        it = NULL;
    if (it != NULL && !json_is_array(it)) {
        bk_config__fail(ld, "Items", "must be an array, not %s",
                        type_name(it));
        goto out;
    }
    size_t len = it != NULL ? json_array_size(it) : 0;
    if (len > BK_CONFIG__LIST_MAX) {
        bk_config__fail(ld, "Items", "more than %d entries",
                        BK_CONFIG__LIST_MAX);
        goto out;
    }
    if ((size_t)q != len) {
        if (it == NULL)
            bk_config__fail(ld, "Quantity", "is %lld but Items is missing",
                            (long long)q);
        else
            bk_config__fail(ld, "Quantity",
                            "is %lld but Items has %zu entries",
                            (long long)q, len);
        goto out;
    }
    *items = len ? it : NULL;
    *n = len;
    rc = BK_OK;
out:
    bk_config__pop(ld, old);
    return rc;
}

int bk_config__get_str_list(bk_config__ld_t *ld, json_t *obj,
                            const char *key, unsigned fl, size_t max_len,
                            bk_str_t **out, size_t *n)
{
    json_t *items;
    size_t len;
    *out = NULL;
    *n = 0;
    if (bk_config__get_list(ld, obj, key, fl, &items, &len) != BK_OK)
        return BK_ERR;
    if (len == 0)
        return BK_OK;
    bk_str_t *v = bk_config__alloc(ld, len, sizeof(*v));
    if (v == NULL)
        return BK_ERR;
    size_t old = bk_config__push(ld, key);
    bk_config__push(ld, "Items");
    int rc = BK_OK;
    for (size_t i = 0; i < len; i++) {
        json_t *s = json_array_get(items, i);
        size_t o2 = bk_config__push_idx(ld, i);
        if (!json_is_string(s))
            rc = bk_config__fail(ld, NULL, "must be a string, not %s",
                                 type_name(s));
        else if (json_string_length(s) == 0)
            rc = bk_config__fail(ld, NULL, "must not be empty");
        else if (max_len && json_string_length(s) > max_len)
            rc = bk_config__fail(ld, NULL, "longer than %zu characters",
                                 max_len);
        bk_config__pop(ld, o2);
        if (rc != BK_OK)
            break;
        char *p = bk_config__strdup(ld, json_string_value(s),
                                    json_string_length(s));
        if (p == NULL) {
            rc = BK_ERR;
            break;
        }
        v[i] = bk_str(p, json_string_length(s));
    }
    bk_config__pop(ld, old);
    if (rc != BK_OK)
        return BK_ERR;
    *out = v;
    *n = len;
    return BK_OK;
}

/* ======================================================================
 * The Brink object
 * ====================================================================== */

int bk_config_addr_parse(const char *str, bk_arena_t *a,
                         bk_config_addr_t *out, char *why, size_t whylen)
{
    const char *colon = strrchr(str, ':');
    if (str[0] == '[') {
        const char *rb = strchr(str, ']');
        colon = rb != NULL && rb[1] == ':' ? rb + 1 : NULL;
    }
    if (colon == NULL) {
        snprintf(why, whylen, "%s",
                 str[0] == '[' ? "must be \"[address]:port\""
                               : "must be \"address:port\"");
        return BK_ERR;
    }
    char host[256];
    size_t hl = (size_t)(colon - str);
    if (hl >= sizeof(host)) {
        snprintf(why, whylen, "address too long");
        return BK_ERR;
    }
    memcpy(host, str, hl);
    host[hl] = '\0';
    bool bracket = hl >= 2 && host[0] == '[' && host[hl - 1] == ']';
    if (bracket) {
        memmove(host, host + 1, hl - 2);
        host[hl - 2] = '\0';
    } else if (strchr(host, ':') != NULL) {
        snprintf(why, whylen,
                 "IPv6 addresses go in brackets: \"[::1]:8080\"");
        return BK_ERR;
    }
    uint64_t port;
    if (bk_str_to_u64(bk_str_c(colon + 1), 65535, &port) != BK_OK ||
        port == 0) {
        snprintf(why, whylen, "port must be 1-65535");
        return BK_ERR;
    }
    if (host[0] == '\0')
        snprintf(host, sizeof(host), "0.0.0.0");
    if (strcmp(host, "localhost") == 0)
        snprintf(host, sizeof(host), "127.0.0.1");

    bk_config_addr_t r;
    memset(&r, 0, sizeof(r));
    struct sockaddr_in *a4 = (struct sockaddr_in *)&r.sa;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&r.sa;
    if (!bracket && inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        r.salen = sizeof(*a4);
    } else if (bracket && inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        r.salen = sizeof(*a6);
    } else {
        snprintf(why, whylen, "'%.64s' is not a numeric IPv4 or [IPv6] "
                 "address", host);
        return BK_ERR;
    }
    r.host = bk_arena_strndup(a, host, strlen(host));
    if (r.host == NULL) {
        snprintf(why, whylen, "out of memory");
        return BK_ERR;
    }
    r.port = (uint16_t)port;
    r.set = true;
    *out = r;
    return BK_OK;
}

/* Brink.Listen / Admin through bk_config_addr_parse(). */
static int parse_addr(bk_config__ld_t *ld, json_t *obj, const char *key,
                      bk_config_addr_t *out)
{
    bk_str_t s = BK_STR_NULL;
    if (bk_config__get_str(ld, obj, key, 0, 300, &s) != BK_OK)
        return BK_ERR;
    if (s.p == NULL)
        return BK_OK;
    char why[160];
    if (bk_config_addr_parse((const char *)s.p, ld->a, out, why,
                             sizeof(why)) == BK_OK)
        return BK_OK;
    if (strcmp(why, "out of memory") == 0)
        return bk_config__oom(ld);
    return bk_config__fail(ld, key, "%s", why);
}

/* CacheMemory: bytes as an integer, or a string "256MB" (K/M/G/T with an
 * optional B or iB; all powers of 1024). */
static int parse_size(bk_config__ld_t *ld, json_t *obj, const char *key,
                      uint64_t min, uint64_t max, uint64_t *out)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL || json_is_null(v))
        return BK_OK;
    uint64_t val;
    if (json_is_integer(v)) {
        if (json_integer_value(v) < 0)
            return bk_config__fail(ld, key, "must not be negative");
        val = (uint64_t)json_integer_value(v);
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t i = 0;
        while (isdigit((unsigned char)s[i]))
            i++;
        if (i == 0 || bk_str_to_u64(bk_str(s, i), UINT64_MAX, &val) != BK_OK)
            return bk_config__fail(ld, key,
                                   "must be a size such as \"256MB\"");
        const char *u = s + i;
        while (*u == ' ')
            u++;
        unsigned shift;
        switch (toupper((unsigned char)*u)) {
        case '\0': shift = 0; break;
        case 'B': shift = 0; break;
        case 'K': shift = 10; break;
        case 'M': shift = 20; break;
        case 'G': shift = 30; break;
        case 'T': shift = 40; break;
        default:
            return bk_config__fail(ld, key, "unknown unit '%s' (use B, KB, "
                                   "MB, GB or TB)", u);
        }
        if (*u != '\0' && toupper((unsigned char)*u) != 'B') {
            u++;
            if (*u == 'i')
                u++;
            if (toupper((unsigned char)*u) == 'B')
                u++;
        } else if (*u != '\0') {
            u++;
        }
        if (*u != '\0')
            return bk_config__fail(ld, key, "unknown unit in \"%s\"", s);
        if (val > (UINT64_MAX >> shift))
            return bk_config__fail(ld, key, "too large");
        val <<= shift;
    } else {
        return bk_config__fail(ld, key, "must be a size in bytes or a "
                               "string such as \"256MB\", not %s",
                               type_name(v));
    }
    if (val < min || val > max)
        return bk_config__fail(ld, key, "%llu bytes is out of range "
                               "(%llu-%llu)", (unsigned long long)val,
                               (unsigned long long)min,
                               (unsigned long long)max);
    *out = val;
    return BK_OK;
}

/* A path from the config, resolved against the config's directory. When
 * 'must_read', the file must be readable now (unless checks are off). */
static int get_path(bk_config__ld_t *ld, json_t *obj, const char *key,
                    unsigned fl, bool must_read, const char **out)
{
    bk_str_t s = BK_STR_NULL;
    if (bk_config__get_str(ld, obj, key, fl, PATH_MAX, &s) != BK_OK)
        return BK_ERR;
    if (s.p == NULL)
        return BK_OK;
    if (s.n == 0)
        return bk_config__fail(ld, key, "must not be empty");
    const char *p = (const char *)s.p;
    if (p[0] != '/') {
        size_t bl = strlen(ld->base_dir);
        size_t n = bl + 1 + s.n;
        char *j = bk_config__alloc(ld, n + 1, 1);
        if (j == NULL)
            return BK_ERR;
        memcpy(j, ld->base_dir, bl);
        j[bl] = '/';
        memcpy(j + bl + 1, s.p, s.n);
        j[n] = '\0';
        p = j;
    }
    if (must_read && !(ld->flags & BK_CONFIG_NO_FILE_CHECKS) &&
        access(p, R_OK) != 0)
        return bk_config__fail(ld, key, "cannot read %s: %s", p,
                               strerror(errno));
    *out = p;
    return BK_OK;
}

static bool valid_function_name(const char *s, size_t n)
{
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '_'))
            return false;
    return true;
}

static const char *const function_keys[] = {"File", "Runtime",
                                            "KeyValueStore", NULL};
static const char *const runtimes[] = {"cloudfront-js-1.0",
                                       "cloudfront-js-2.0", NULL};

static int functions(bk_config__ld_t *ld, json_t *obj)
{
    size_t n = json_object_size(obj);
    if (n == 0)
        return BK_OK;
    if (n > BK_CONFIG__LIST_MAX)
        return bk_config__fail(ld, NULL, "more than %d entries",
                               BK_CONFIG__LIST_MAX);
    bk_config_function_t *fs = bk_config__alloc(ld, n, sizeof(*fs));
    if (fs == NULL)
        return BK_ERR;
    size_t i = 0;
    const char *name;
    json_t *f;
    json_object_foreach(obj, name, f) {
        size_t old = bk_config__push(ld, name);
        int rc = BK_ERR;
        bk_config_function_t *fn = &fs[i];
        size_t nl = strlen(name);
        if (!valid_function_name(name, nl)) {
            bk_config__fail(ld, NULL, "function names are 1-64 letters, "
                            "digits, '-' or '_'");
            goto next;
        }
        if (!json_is_object(f)) {
            bk_config__fail(ld, NULL, "must be an object, not %s",
                            type_name(f));
            goto next;
        }
        if (bk_config__check_keys(ld, f, function_keys) != BK_OK)
            goto next;
        char *nm = bk_config__strdup(ld, name, nl);
        if (nm == NULL)
            goto next;
        fn->name = bk_str(nm, nl);
        int rt = 1;
        if (get_path(ld, f, "File", BK_CONFIG__REQ, true, &fn->file) !=
                BK_OK ||
            bk_config__get_enum(ld, f, "Runtime", 0, runtimes, &rt) != BK_OK ||
            get_path(ld, f, "KeyValueStore", 0, true, &fn->kvs_file) != BK_OK)
            goto next;
        fn->runtime = rt == 0 ? BK_CONFIG_RUNTIME_JS_1_0
                              : BK_CONFIG_RUNTIME_JS_2_0;
        if (fn->kvs_file != NULL && fn->runtime != BK_CONFIG_RUNTIME_JS_2_0) {
            bk_config__fail(ld, "KeyValueStore",
                            "needs Runtime cloudfront-js-2.0");
            goto next;
        }
        rc = BK_OK;
    next:
        bk_config__pop(ld, old);
        if (rc != BK_OK)
            return BK_ERR;
        i++;
    }
    ld->cfg->functions = fs;
    ld->cfg->n_functions = n;
    return BK_OK;
}

static const char *const brink_keys[] = {
    "Listen", "Admin", "Workers", "Functions", "CacheMemory", "GeoDatabase",
    "NodeName", "Pop", "AccessLog", "FunctionLog", "DistributionId",
    "DomainName", "Region", "CachePolicies", "OriginRequestPolicies", "OriginCaFile",
    "ListenTls", NULL};

static const char *const listen_tls_keys[] = {"Address", "CertificateFile",
                                              "PrivateKeyFile", NULL};

static bool same_addr(const bk_config_addr_t *a, const char *host,
                      uint16_t port)
{
    return a->port == port && strcmp(a->host, host) == 0;
}

/* Brink.ListenTls: {Address, CertificateFile, PrivateKeyFile}, all
 * required; the address differs from Listen and Admin. */
static int listen_tls(bk_config__ld_t *ld, json_t *obj)
{
    bk_config_t *c = ld->cfg;
    bk_config_listen_tls_t *t = &c->listen_tls;
    if (bk_config__check_keys(ld, obj, listen_tls_keys) != BK_OK)
        return BK_ERR;
    if (json_object_get(obj, "Address") == NULL)
        return bk_config__fail(ld, "Address", "required field is missing");
    if (parse_addr(ld, obj, "Address", &t->addr) != BK_OK ||
        get_path(ld, obj, "CertificateFile", BK_CONFIG__REQ, true,
                 &t->cert_file) != BK_OK ||
        get_path(ld, obj, "PrivateKeyFile", BK_CONFIG__REQ, true,
                 &t->key_file) != BK_OK)
        return BK_ERR;
    /* Listen's default is filled in later: compare with it here. */
    if (c->listen.set ? same_addr(&t->addr, c->listen.host, c->listen.port)
                      : same_addr(&t->addr, "127.0.0.1", 8080))
        return bk_config__fail(ld, "Address", "same address as Listen");
    if (c->admin.set && same_addr(&t->addr, c->admin.host, c->admin.port))
        return bk_config__fail(ld, "Address", "same address as Admin");
    return bk_config__tls_keypair(ld, t);
}

static int brink(bk_config__ld_t *ld, json_t *b)
{
    bk_config_t *c = ld->cfg;
    snprintf(ld->brink_path, sizeof(ld->brink_path), "%s", ld->path);
    int64_t workers = 0;
    json_t *fns = NULL, *cps = NULL, *orps = NULL, *tls = NULL;
    if (bk_config__check_keys(ld, b, brink_keys) != BK_OK ||
        parse_addr(ld, b, "Listen", &c->listen) != BK_OK ||
        parse_addr(ld, b, "Admin", &c->admin) != BK_OK ||
        bk_config__get_int(ld, b, "Workers", 0, 0, 1024, &workers) != BK_OK ||
        parse_size(ld, b, "CacheMemory", 1u << 20, 1ull << 40,
                   &c->cache_memory) != BK_OK ||
        get_path(ld, b, "GeoDatabase", 0, true, &c->geo_database) != BK_OK ||
        get_path(ld, b, "OriginCaFile", 0, true, &c->origin_ca_file) !=
            BK_OK ||
        get_path(ld, b, "AccessLog", 0, false, &c->access_log) != BK_OK ||
        get_path(ld, b, "FunctionLog", 0, false, &c->function_log) != BK_OK ||
        bk_config__get_str(ld, b, "NodeName", 0, 128, &c->node_name) !=
            BK_OK ||
        bk_config__get_str(ld, b, "Pop", 0, 64, &c->pop) != BK_OK ||
        bk_config__get_str(ld, b, "Region", 0, 64, &c->region) != BK_OK ||
        bk_config__get_str(ld, b, "DistributionId", 0, 128,
                           &c->distribution_id) != BK_OK ||
        bk_config__get_str(ld, b, "DomainName", 0, 253, &c->domain_name) !=
            BK_OK ||
        bk_config__get_obj(ld, b, "Functions", 0, &fns) != BK_OK ||
        bk_config__get_obj(ld, b, "CachePolicies", 0, &cps) != BK_OK ||
        bk_config__get_obj(ld, b, "OriginRequestPolicies", 0, &orps) != BK_OK ||
        bk_config__get_obj(ld, b, "ListenTls", 0, &tls) != BK_OK)
        return BK_ERR;
    c->workers = (unsigned)workers;
    if (c->listen.set && c->admin.set && c->listen.port == c->admin.port &&
        strcmp(c->listen.host, c->admin.host) == 0)
        return bk_config__fail(ld, "Admin", "same address as Listen");
    if (c->pop.p != NULL && c->pop.n == 0)
        return bk_config__fail(ld, "Pop", "must not be empty");
    int rc = BK_OK;
    if (tls != NULL) {
        size_t old = bk_config__push(ld, "ListenTls");
        rc = listen_tls(ld, tls);
        bk_config__pop(ld, old);
    }
    if (rc == BK_OK && fns != NULL) {
        size_t old = bk_config__push(ld, "Functions");
        rc = functions(ld, fns);
        bk_config__pop(ld, old);
    }
    if (rc == BK_OK && cps != NULL) {
        size_t old = bk_config__push(ld, "CachePolicies");
        rc = bk_config__cache_policies(ld, cps);
        bk_config__pop(ld, old);
    }
    if (rc == BK_OK && orps != NULL) {
        size_t old = bk_config__push(ld, "OriginRequestPolicies");
        rc = bk_config__orps(ld, orps);
        bk_config__pop(ld, old);
    }
    return rc;
}

/* ======================================================================
 * Defaults and the driver
 * ====================================================================== */

static int set_defaults(bk_config__ld_t *ld)
{
    bk_config_t *c = ld->cfg;
    c->enabled = true;
    c->cache_memory = 256u << 20;
    c->node_name = BK_STR("brink");
    c->pop = BK_STR("BRK1-C1");
    c->distribution_id = BK_STR("EBRINKLOCAL0001");
    c->domain_name = BK_STR("localhost");
    c->etag = BK_STR("");
    c->comment = BK_STR("");
    c->caller_reference = BK_STR("");
    c->default_root_object = BK_STR("");
    return BK_OK;
}

static int default_listen(bk_config__ld_t *ld)
{
    bk_config_addr_t *l = &ld->cfg->listen;
    if (l->set)
        return BK_OK;
    struct sockaddr_in *a4 = (struct sockaddr_in *)&l->sa;
    memset(&l->sa, 0, sizeof(l->sa));
    a4->sin_family = AF_INET;
    a4->sin_port = htons(8080);
    a4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    l->salen = sizeof(*a4);
    l->host = "127.0.0.1";
    l->port = 8080;
    l->set = true;
    return BK_OK;
}

static int unused_functions(bk_config__ld_t *ld);

static const char *const wrapper_keys[] = {"ETag", "DistributionConfig",
                                           "Brink", NULL};
static const char *const dist_wrapper_keys[] = {"ETag", "Distribution",
                                                "Brink", NULL};

/* Finds the DistributionConfig among the accepted shapes: the bare object,
 * get-distribution-config's {ETag, DistributionConfig} and get-distribution's
 * {ETag, Distribution: {Id, DomainName, DistributionConfig, ...}}. The Brink
 * object sits next to the DistributionConfig's wrapper or inside it. */
static int load_root(bk_config__ld_t *ld, json_t *root)
{
    bk_config_t *c = ld->cfg;
    json_t *dc = root, *b = NULL, *b_in = NULL, *dist = NULL;
    size_t old = ld->plen;
    int rc = BK_ERR;

    if (json_object_get(root, "DistributionConfig") != NULL ||
        json_object_get(root, "Distribution") != NULL) {
        if (bk_config__get_str(ld, root, "ETag", 0, 256, &c->etag) != BK_OK ||
            bk_config__get_obj(ld, root, "Brink", 0, &b) != BK_OK)
            goto out;
        if (json_object_get(root, "Distribution") != NULL) {
            if (bk_config__check_keys(ld, root, dist_wrapper_keys) != BK_OK ||
                bk_config__get_obj(ld, root, "Distribution", BK_CONFIG__REQ,
                                   &dist) != BK_OK)
                goto out;
            bk_config__push(ld, "Distribution");
            bk_str_t id = BK_STR_NULL, dn = BK_STR_NULL;
            if (bk_config__get_str(ld, dist, "Id", 0, 128, &id) != BK_OK ||
                bk_config__get_str(ld, dist, "DomainName", 0, 253, &dn) !=
                    BK_OK ||
                bk_config__get_obj(ld, dist, "DistributionConfig",
                                   BK_CONFIG__REQ, &dc) != BK_OK)
                goto out;
            if (id.p != NULL && id.n)
                c->distribution_id = id;
            if (dn.p != NULL && dn.n)
                c->domain_name = dn;
        } else {
            if (bk_config__check_keys(ld, root, wrapper_keys) != BK_OK ||
                bk_config__get_obj(ld, root, "DistributionConfig",
                                   BK_CONFIG__REQ, &dc) != BK_OK)
                goto out;
        }
        bk_config__push(ld, "DistributionConfig");
        if (bk_config__get_obj(ld, dc, "Brink", 0, &b_in) != BK_OK)
            goto out;
        if (b != NULL && b_in != NULL) {
            bk_config__fail(ld, "Brink", "given twice (also at the top)");
            goto out;
        }
        bk_config__pop(ld, old);
    } else if (bk_config__get_obj(ld, root, "Brink", 0, &b_in) != BK_OK) {
        goto out;
    }

    /* Brink first: behaviours refer to its functions and policies. The
     * path shows where the Brink object actually was. */
    if (b != NULL) {
        bk_config__push(ld, "Brink");
        if (brink(ld, b) != BK_OK)
            goto out;
        bk_config__pop(ld, old);
    } else if (b_in != NULL) {
        if (dist != NULL)
            bk_config__push(ld, "Distribution");
        if (dc != root)
            bk_config__push(ld, "DistributionConfig");
        bk_config__push(ld, "Brink");
        if (brink(ld, b_in) != BK_OK)
            goto out;
        bk_config__pop(ld, old);
    }
    if (dist != NULL)
        bk_config__push(ld, "Distribution");
    if (dc != root)
        bk_config__push(ld, "DistributionConfig");
    if (bk_config__distribution(ld, dc) != BK_OK)
        goto out;
    bk_config__pop(ld, old);
    if (unused_functions(ld) != BK_OK)
        goto out;
    rc = default_listen(ld);
out:
    bk_config__pop(ld, old);
    return rc;
}

static bool fn_used(const bk_config_behavior_t *b,
                    const bk_config_function_t *f)
{
    return b->viewer_request_fn == f || b->viewer_response_fn == f;
}

/* A function no behaviour uses is most likely a forgotten association. */
static int unused_functions(bk_config__ld_t *ld)
{
    const bk_config_t *c = ld->cfg;
    for (size_t i = 0; i < c->n_functions; i++) {
        const bk_config_function_t *f = &c->functions[i];
        bool used = fn_used(&c->default_behavior, f);
        for (size_t j = 0; !used && j < c->n_behaviors; j++)
            used = fn_used(&c->behaviors[j], f);
        if (used)
            continue;
        /* Called at the root: the path is rebuilt from where Brink was. */
        BK_ASSERT(ld->plen == 0);
        memcpy(ld->path, ld->brink_path, sizeof(ld->brink_path));
        ld->plen = strlen(ld->path);
        bk_config__push(ld, "Functions");
        bk_config__push(ld, (const char *)f->name.p);
        int rc = bk_config__warn(ld, NULL, "not associated with any cache "
                                 "behaviour, never runs");
        bk_config__pop(ld, 0);
        if (rc != BK_OK)
            return BK_ERR;
    }
    return BK_OK;
}

static int flatten_warnings(bk_config__ld_t *ld)
{
    if (ld->n_warn == 0)
        return BK_OK;
    const char **w = bk_config__alloc(ld, ld->n_warn, sizeof(*w));
    if (w == NULL)
        return BK_ERR;
    size_t i = 0;
    for (bk_config__warn_t *p = ld->warn_head; p != NULL; p = p->next)
        w[i++] = p->msg;
    ld->cfg->warnings = w;
    ld->cfg->n_warnings = ld->n_warn;
    return BK_OK;
}

int bk_config_load_mem(const void *p, size_t n, const char *name,
                       const char *base_dir, unsigned flags,
                       bk_config_t **out, char *err, size_t errlen)
{
    char dummy[1];
    if (err == NULL || errlen == 0) {
        err = dummy;
        errlen = sizeof(dummy);
    }
    err[0] = '\0';
    *out = NULL;
    if (name == NULL)
        name = "config";
    if (base_dir == NULL)
        base_dir = ".";

    /* Some editors start UTF-8 files with a byte order mark; JSON has no
     * use for it and jansson refuses it. */
    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
        p = (const uint8_t *)p + 3;
        n -= 3;
    }
    json_error_t je;
    json_t *root = json_loadb(p, n, JSON_REJECT_DUPLICATES, &je);
    if (root == NULL) {
        snprintf(err, errlen, "%s:%d:%d: invalid JSON: %s", name, je.line,
                 je.column, je.text);
        return BK_ERR;
    }
    if (!json_is_object(root)) {
        snprintf(err, errlen, "%s: $: must be an object", name);
        json_decref(root);
        return BK_ERR;
    }

    bk_arena_t *a = bk_arena_new(CONFIG_ARENA_FIRST, CONFIG_ARENA_CAP);
    bk_config__ld_t *ld = a ? bk_arena_calloc(a, sizeof(*ld)) : NULL;
    bk_config_t *c = ld ? bk_arena_calloc(a, sizeof(*c)) : NULL;
    if (c == NULL) {
        snprintf(err, errlen, "%s: out of memory", name);
        bk_arena_free(a);
        json_decref(root);
        return BK_ERR;
    }
    ld->a = a;
    ld->cfg = c;
    ld->source = name;
    ld->base_dir = base_dir;
    ld->flags = flags;
    ld->err = err;
    ld->errlen = errlen;
    c->arena = a;

    int rc = BK_ERR;
    if (set_defaults(ld) != BK_OK)
        goto fail;
    c->source = bk_config__strdup(ld, name, strlen(name));
    c->base_dir = bk_config__strdup(ld, base_dir, strlen(base_dir));
    if (c->source == NULL || c->base_dir == NULL)
        goto fail;
    ld->source = c->source;
    ld->base_dir = c->base_dir;
    if (load_root(ld, root) != BK_OK || flatten_warnings(ld) != BK_OK)
        goto fail;
    rc = BK_OK;
fail:
    json_decref(root);
    if (rc != BK_OK || ld->failed) {
        if (err[0] == '\0')
            snprintf(err, errlen, "%s: invalid configuration", name);
        bk_arena_free(a);
        return BK_ERR;
    }
    /* Generations count loads process-wide, so logs can tell which config
     * served a request across reloads. */
    static uint64_t generations;
    c->generation = __atomic_add_fetch(&generations, 1, __ATOMIC_RELAXED);
    c->_refs = 1;
    *out = c;
    return BK_OK;
}

int bk_config_load_file(const char *path, unsigned flags, bk_config_t **out,
                        char *err, size_t errlen)
{
    *out = NULL;
    /* A distribution config is a few KB; refuse to slurp anything huge. */
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > CONFIG_FILE_MAX) {
        if (err != NULL && errlen)
            snprintf(err, errlen, "%s: larger than %d MiB", path,
                     CONFIG_FILE_MAX >> 20);
        return BK_ERR;
    }
    bk_buf_t b;
    bk_buf_init(&b, NULL);
    if (bk_buf_read_file(&b, path) != BK_OK) {
        if (err != NULL && errlen)
            snprintf(err, errlen, "%s: cannot read: %s", path,
                     strerror(errno));
        bk_buf_free(&b);
        return BK_ERR;
    }
    /* Relative paths in the config are relative to its directory. */
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        snprintf(dir, sizeof(dir), ".");
    } else if (slash == path) {
        snprintf(dir, sizeof(dir), "/");
    } else {
        snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
    }
    char real[PATH_MAX];
    const char *base = realpath(dir, real) != NULL ? real : dir;
    int rc = bk_config_load_mem(b.p, b.n, path, base, flags, out, err,
                                errlen);
    bk_buf_free(&b);
    return rc;
}

void bk_config_free(bk_config_t *c)
{
    if (c != NULL)
        bk_arena_free(c->arena);
}

bk_config_t *bk_config_ref(bk_config_t *c)
{
    unsigned long was = __atomic_fetch_add(&c->_refs, 1, __ATOMIC_RELAXED);
    BK_ASSERT(was > 0);
    return c;
}

void bk_config_unref(bk_config_t *c)
{
    if (c == NULL)
        return;
    /* Release so this thread's reads of the config happen before the
     * free; acquire in the freeing thread. */
    unsigned long was = __atomic_fetch_sub(&c->_refs, 1, __ATOMIC_ACQ_REL);
    BK_ASSERT(was > 0);
    if (was == 1)
        bk_arena_free(c->arena);
}

/* ======================================================================
 * Queries
 * ====================================================================== */

bool bk_config_path_match(bk_str_t pat, bk_str_t path)
{
    /* Iterative glob with one backtrack point: linear-ish, no recursion. */
    size_t p = 0, s = 0, star = SIZE_MAX, mark = 0;
    while (s < path.n) {
        if (p < pat.n && (pat.p[p] == '?' || pat.p[p] == path.p[s])) {
            p++;
            s++;
        } else if (p < pat.n && pat.p[p] == '*') {
            star = p++;
            mark = s;
        } else if (star != SIZE_MAX) {
            p = star + 1;
            s = ++mark;
        } else {
            return false;
        }
    }
    while (p < pat.n && pat.p[p] == '*')
        p++;
    return p == pat.n;
}

const bk_config_behavior_t *bk_config_behavior_for(const bk_config_t *c,
                                                   bk_str_t path)
{
    for (size_t i = 0; i < c->n_behaviors; i++)
        if (bk_config_path_match(c->behaviors[i].path_pattern, path))
            return &c->behaviors[i];
    return &c->default_behavior;
}

const bk_config_function_t *bk_config_function(const bk_config_t *c,
                                               bk_str_t name)
{
    for (size_t i = 0; i < c->n_functions; i++)
        if (bk_str_eq(c->functions[i].name, name))
            return &c->functions[i];
    return NULL;
}

const bk_config_origin_t *bk_config_origin(const bk_config_t *c, bk_str_t id)
{
    for (size_t i = 0; i < c->n_origins; i++)
        if (bk_str_eq(c->origins[i].id, id))
            return &c->origins[i];
    return NULL;
}

const char *bk_config_event_name(bk_config_event_t ev)
{
    switch (ev) {
    case BK_CONFIG_EV_VIEWER_REQUEST: return "viewer-request";
    case BK_CONFIG_EV_ORIGIN_REQUEST: return "origin-request";
    case BK_CONFIG_EV_ORIGIN_RESPONSE: return "origin-response";
    case BK_CONFIG_EV_VIEWER_RESPONSE: return "viewer-response";
    default: return "unknown";
    }
}
