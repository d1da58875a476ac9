/*
 * cache_fresh.c: how long a response stays fresh, per CloudFront's
 * "Manage how long content stays in the cache (expiration)" rules, plus the
 * header-block helpers those rules need (HTTP dates: core/date.h, read
 * leniently).
 *
 * The rules are one table (rules[] below), evaluated top to bottom against
 * the facts of a response; the first row that applies decides. Every
 * function here is pure: time comes in as 'now'.
 */
#include <string.h>

#include "cache/cache_int.h"

/* ---------------------------------------------------------------------- */
/* Header blocks                                                           */
/* ---------------------------------------------------------------------- */

int bk_cache__head_next(bk_str_t head, size_t *pos, bk_str_t *name,
                        bk_str_t *value)
{
    while (*pos < head.n) {
        size_t start = *pos, end = start;
        while (end < head.n && head.p[end] != '\n')
            end++;
        *pos = end < head.n ? end + 1 : end;
        size_t line_end = end;
        if (line_end > start && head.p[line_end - 1] == '\r')
            line_end--;
        size_t colon = start;
        while (colon < line_end && head.p[colon] != ':')
            colon++;
        if (colon == line_end || colon == start)
            continue;
        *name = bk_str(head.p + start, colon - start);
        *value = bk_str_trim(bk_str(head.p + colon + 1, line_end - colon - 1));
        return 1;
    }
    return 0;
}

bk_str_t bk_cache_head_get(bk_str_t head, bk_str_t name)
{
    size_t pos = 0;
    bk_str_t n, v;
    while (bk_cache__head_next(head, &pos, &n, &v))
        if (bk_str_eq_ci(n, name))
            return v.n ? v : bk_str(n.p + n.n, 0); /* present, empty */
    return BK_STR_NULL;
}

/* ---------------------------------------------------------------------- */
/* Cache-Control                                                           */
/* ---------------------------------------------------------------------- */

/* Delta-seconds past 2^31 count as 2^31 (RFC 9111 1.2.2). */
#define DELTA_MAX 2147483648u

typedef struct {
    unsigned no_store : 1, no_cache : 1, priv : 1, must_revalidate : 1;
    unsigned has_max_age : 1, has_s_maxage : 1, has_swr : 1, has_sie : 1;
    uint32_t max_age, s_maxage, swr, sie;
} cc_t;

/* Parses delta-seconds; an invalid value counts as 0 (treat as stale). */
static uint32_t delta(bk_str_t v)
{
    uint64_t x = 0;
    if (v.n == 0)
        return 0;
    for (size_t i = 0; i < v.n; i++) {
        if (v.p[i] < '0' || v.p[i] > '9')
            return 0;
        x = x * 10 + (uint64_t)(v.p[i] - '0');
        if (x > DELTA_MAX)
            x = DELTA_MAX;
    }
    return (uint32_t)x;
}

/* Steps to the next directive of a Cache-Control value from *i: its name
 * and value (unquoted; p NULL when there is no '='). 0 at the end. Quoted
 * values may hold commas; junk after a value is skipped. */
static int cc_next(bk_str_t v, size_t *pos, bk_str_t *name, bk_str_t *val)
{
    size_t i = *pos;
    while (i < v.n && (v.p[i] == ' ' || v.p[i] == '\t' || v.p[i] == ','))
        i++;
    if (i >= v.n) {
        *pos = i;
        return 0;
    }
    size_t ns = i;
    while (i < v.n && v.p[i] != '=' && v.p[i] != ',' && v.p[i] != ' ' &&
           v.p[i] != '\t')
        i++;
    *name = bk_str(v.p + ns, i - ns);
    *val = BK_STR_NULL;
    while (i < v.n && (v.p[i] == ' ' || v.p[i] == '\t'))
        i++;
    if (i < v.n && v.p[i] == '=') {
        i++;
        while (i < v.n && (v.p[i] == ' ' || v.p[i] == '\t'))
            i++;
        if (i < v.n && v.p[i] == '"') {
            size_t vs = ++i;
            while (i < v.n && v.p[i] != '"')
                i += (v.p[i] == '\\' && i + 1 < v.n) ? 2 : 1;
            *val = bk_str(v.p + vs, BK_MIN(i, v.n) - vs);
            if (i < v.n)
                i++;
        } else {
            size_t vs = i;
            while (i < v.n && v.p[i] != ',' && v.p[i] != ' ' && v.p[i] != '\t')
                i++;
            *val = bk_str(v.p + vs, i - vs);
        }
    }
    while (i < v.n && v.p[i] != ',')
        i++;
    *pos = i;
    return 1;
}

/* Adds the directives of one Cache-Control value to 'cc'. The first of a
 * repeated directive wins. no-cache and private with a field list
 * (no-cache="Set-Cookie") do not stop caching: they name fields not to
 * store (RFC 9111 5.2.2.4, 5.2.2.7; CloudFront's Cookies.html uses it to
 * keep Set-Cookie out of the cache); see bk_cache_head_field_unstored. */
static void cc_parse(bk_str_t v, cc_t *cc)
{
    size_t i = 0;
    bk_str_t name, val;
    while (cc_next(v, &i, &name, &val)) {
        if (name.n == 0)
            continue;
        if (bk_str_eq_ci(name, BK_STR("no-store")))
            cc->no_store = 1;
        else if (bk_str_eq_ci(name, BK_STR("no-cache")))
            cc->no_cache |= val.p == NULL;
        else if (bk_str_eq_ci(name, BK_STR("private")))
            cc->priv |= val.p == NULL;
        else if (bk_str_eq_ci(name, BK_STR("must-revalidate")) ||
                 bk_str_eq_ci(name, BK_STR("proxy-revalidate")))
            cc->must_revalidate = 1;
        else if (bk_str_eq_ci(name, BK_STR("max-age")) && !cc->has_max_age) {
            cc->has_max_age = 1;
            cc->max_age = delta(val);
        } else if (bk_str_eq_ci(name, BK_STR("s-maxage")) &&
                   !cc->has_s_maxage) {
            cc->has_s_maxage = 1;
            cc->s_maxage = delta(val);
        } else if (bk_str_eq_ci(name, BK_STR("stale-while-revalidate")) &&
                   !cc->has_swr) {
            cc->has_swr = 1;
            cc->swr = delta(val);
        } else if (bk_str_eq_ci(name, BK_STR("stale-if-error")) &&
                   !cc->has_sie) {
            cc->has_sie = 1;
            cc->sie = delta(val);
        }
    }
}

/* Whether a comma-separated list holds 'item' (trimmed, any case). */
int bk_cache__list_has(bk_str_t list, bk_str_t item)
{
    size_t j = 0;
    while (j < list.n) {
        size_t s0 = j;
        while (j < list.n && list.p[j] != ',')
            j++;
        if (bk_str_eq_ci(bk_str_trim(bk_str(list.p + s0, j - s0)), item))
            return 1;
        j++;
    }
    return 0;
}

int bk_cache__cc_names_field(bk_str_t cc_value, bk_str_t field)
{
    size_t i = 0;
    bk_str_t name, val;
    while (cc_next(cc_value, &i, &name, &val))
        if (val.p != NULL &&
            (bk_str_eq_ci(name, BK_STR("no-cache")) ||
             bk_str_eq_ci(name, BK_STR("private"))) &&
            bk_cache__list_has(val, field))
            return 1;
    return 0;
}

int bk_cache_head_field_unstored(bk_str_t head, bk_str_t field)
{
    size_t pos = 0;
    bk_str_t n, v;
    while (bk_cache__head_next(head, &pos, &n, &v))
        if (bk_str_eq_ci(n, BK_STR("cache-control")) &&
            bk_cache__cc_names_field(v, field))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------------- */
/* The rule table                                                          */
/* ---------------------------------------------------------------------- */

/* Facts about a response the rules test. */
enum {
    F_OK_STATUS = 1 << 0,    /* cached with the normal TTL rules */
    F_ERR_STATUS = 1 << 1,   /* an error CloudFront caches */
    F_ERR_NEEDS_CC = 1 << 2, /* ... only with max-age/s-maxage */
    F_NO_STORE = 1 << 3,     /* no-store, no-cache or private */
    F_MIN_POS = 1 << 4,      /* MinTTL > 0 */
    F_S_MAXAGE = 1 << 5,
    F_MAX_AGE = 1 << 6,
    F_EXPIRES = 1 << 7,      /* an Expires header (valid or not) */
    F_ERR_HONOURS_NS = 1 << 8, /* error whose no-store etc. count */
};

/* Where a row takes its TTL from. */
typedef enum {
    SRC_NONE,     /* not cached */
    SRC_MIN,      /* MinTTL */
    SRC_S_MAXAGE, /* s-maxage, bounded by [MinTTL, MaxTTL] */
    SRC_MAX_AGE,  /* max-age, bounded */
    SRC_EXPIRES,  /* Expires - Date, bounded */
    SRC_DEFAULT,  /* max(MinTTL, DefaultTTL) */
    SRC_ERROR,    /* max(ErrorCachingMinTTL, s-maxage, max-age or Expires
                     bounded by MaxTTL) */
} src_t;

/* CloudFront's expiration table, first match wins. 'all' facts must hold
 * and 'none' facts must not. Sources: Expiration.html (table "Minimum TTL
 * = 0 / > 0"), API CacheBehavior ("MinTTL > 0 caches at least MinTTL even
 * with no-cache, no-store or private"), HTTPStatusCodes.html and
 * custom-error-pages-expiration.html (errors: no-store, no-cache and
 * private count only for 404, 410, 414 and 501). */
static const struct rule {
    bk_cache_rule_t rule;
    unsigned all, none;
    src_t src;
} rules[] = {
    {BK_CACHE_RULE_STATUS, 0, F_OK_STATUS | F_ERR_STATUS, SRC_NONE},
    {BK_CACHE_RULE_ERROR_NO_STORE, F_ERR_HONOURS_NS | F_NO_STORE, 0,
     SRC_NONE},
    {BK_CACHE_RULE_ERROR_NEEDS_CC, F_ERR_NEEDS_CC, F_S_MAXAGE | F_MAX_AGE,
     SRC_NONE},
    {BK_CACHE_RULE_ERROR, F_ERR_STATUS, 0, SRC_ERROR},
    {BK_CACHE_RULE_NO_STORE_MIN0, F_NO_STORE, F_MIN_POS, SRC_NONE},
    {BK_CACHE_RULE_NO_STORE_MIN, F_NO_STORE | F_MIN_POS, 0, SRC_MIN},
    {BK_CACHE_RULE_S_MAXAGE, F_S_MAXAGE, 0, SRC_S_MAXAGE},
    {BK_CACHE_RULE_MAX_AGE, F_MAX_AGE, 0, SRC_MAX_AGE},
    {BK_CACHE_RULE_EXPIRES, F_EXPIRES, 0, SRC_EXPIRES},
    {BK_CACHE_RULE_DEFAULT, 0, 0, SRC_DEFAULT},
};

const char *bk_cache_rule_str(bk_cache_rule_t r)
{
    static const char *const texts[] = {
#define BK__CACHE_RULE_TEXT(name, text) text,
        BK_CACHE_RULE_MAP(BK__CACHE_RULE_TEXT)
#undef BK__CACHE_RULE_TEXT
    };
    return (size_t)r < BK_COUNTOF(texts) ? texts[r] : "unknown";
}

/* Statuses cached under the normal rules. XXX: CloudFront documents 200,
 * 203, 206, 300, 301 (and caches redirects in practice); we add 204, 302,
 * 307 and 308 as redirects and empty answers. */
static int ok_status(int s)
{
    switch (s) {
    case 200: case 203: case 204: case 206: case 300: case 301: case 302:
    case 307: case 308:
        return 1;
    }
    return 0;
}

/* Errors CloudFront caches for ErrorCachingMinTTL (HTTPStatusCodes.html).
 * *needs_cc: only when the origin sent max-age or s-maxage; *honours_ns:
 * no-store, no-cache and private keep it out of the cache (for the other
 * errors they are ignored). 416 is never cached. */
static int err_status(int s, int *needs_cc, int *honours_ns)
{
    *needs_cc = 0;
    *honours_ns = 0;
    switch (s) {
    case 400: case 403: case 412: case 415:
        *needs_cc = 1;
        return 1;
    case 404: case 410: case 414: case 501:
        *honours_ns = 1;
        return 1;
    case 405: case 500: case 502: case 503: case 504:
        return 1;
    }
    return 0;
}

/* Seconds from the origin's Date (else 'now') to Expires; 0 when Expires
 * is past or invalid ("already expired", RFC 9111 5.3). The origin's Date
 * as base makes clock skew between origin and edge irrelevant. */
static uint32_t expires_left(const bk_cache_resp_hdrs_t *h, int64_t now)
{
    int64_t exp, base = now, d;
    if (bk_date_parse(h->expires, BK_DATE_LENIENT, &exp) != BK_OK)
        return 0;
    if (h->date.p != NULL && bk_date_parse(h->date, BK_DATE_LENIENT, &d) == BK_OK)
        base = d;
    int64_t left = exp - base;
    return left <= 0 ? 0
           : left > (int64_t)DELTA_MAX ? DELTA_MAX
                                        : (uint32_t)left;
}

static uint32_t clamp(uint32_t v, const bk_cache_ttl_policy_t *p)
{
    if (v > p->max_ttl)
        v = p->max_ttl;
    if (v < p->min_ttl)
        v = p->min_ttl;
    return v;
}

static void evaluate(const bk_cache_ttl_policy_t *p, int status,
                     const cc_t *cc, const bk_cache_resp_hdrs_t *h,
                     int64_t now, bk_cache_fresh_t *out)
{
    memset(out, 0, sizeof(*out));
    unsigned facts = 0;
    int needs_cc, honours_ns;
    if (ok_status(status))
        facts |= F_OK_STATUS;
    if (err_status(status, &needs_cc, &honours_ns))
        facts |= F_ERR_STATUS | (needs_cc ? F_ERR_NEEDS_CC : 0) |
                 (honours_ns ? F_ERR_HONOURS_NS : 0);
    if (cc->no_store || cc->no_cache || cc->priv)
        facts |= F_NO_STORE;
    if (p->min_ttl > 0)
        facts |= F_MIN_POS;
    if (cc->has_s_maxage)
        facts |= F_S_MAXAGE;
    if (cc->has_max_age)
        facts |= F_MAX_AGE;
    if (h->expires.p != NULL)
        facts |= F_EXPIRES;

    const struct rule *r = NULL;
    for (size_t i = 0; i < BK_COUNTOF(rules); i++)
        if ((facts & rules[i].all) == rules[i].all &&
            (facts & rules[i].none) == 0) {
            r = &rules[i];
            break;
        }
    BK_ASSERT(r != NULL); /* the DEFAULT row always applies */
    out->rule = r->rule;
    /* Collapsed requests get the response even when it is not cached,
     * unless it is private (or no-store: our choice) or its status is not
     * cacheable at all. */
    out->share_collapsed =
        r->src != SRC_NONE ||
        (r->rule == BK_CACHE_RULE_NO_STORE_MIN0 && !cc->priv && !cc->no_store);

    uint32_t ttl = 0;
    switch (r->src) {
    case SRC_NONE:
        return;
    case SRC_MIN:
        ttl = p->min_ttl;
        break;
    case SRC_S_MAXAGE:
        ttl = clamp(cc->s_maxage, p);
        break;
    case SRC_MAX_AGE:
        ttl = clamp(cc->max_age, p);
        break;
    case SRC_EXPIRES:
        ttl = clamp(expires_left(h, now), p);
        break;
    case SRC_DEFAULT:
        ttl = BK_MAX(p->min_ttl, p->default_ttl);
        break;
    case SRC_ERROR:
        /* "the greater of the header's value and the Error Caching Minimum
         * TTL"; max-age/s-maxage "cannot exceed the Maximum TTL". */
        ttl = cc->has_s_maxage ? cc->s_maxage
              : cc->has_max_age ? cc->max_age
              : h->expires.p   ? expires_left(h, now)
                               : 0;
        ttl = BK_MAX(BK_MIN(ttl, p->max_ttl), p->error_min_ttl);
        break;
    }
    out->cacheable = 1;
    out->ttl = ttl;
    out->initial_age = h->age.p != NULL ? delta(bk_str_trim(h->age)) : 0;
    if (cc->must_revalidate)
        out->must_revalidate = 1;
    else {
        out->stale_while_revalidate = cc->swr;
        out->stale_if_error = cc->sie;
    }
}

void bk_cache_freshness(const bk_cache_ttl_policy_t *p, int status,
                        const bk_cache_resp_hdrs_t *h, int64_t now,
                        bk_cache_fresh_t *out)
{
    cc_t cc;
    memset(&cc, 0, sizeof(cc));
    if (h->cache_control.p != NULL)
        cc_parse(h->cache_control, &cc);
    evaluate(p, status, &cc, h, now, out);
}

void bk_cache_freshness_head(const bk_cache_ttl_policy_t *p, int status,
                             bk_str_t head, int64_t now,
                             bk_cache_fresh_t *out)
{
    cc_t cc;
    bk_cache_resp_hdrs_t h;
    memset(&cc, 0, sizeof(cc));
    memset(&h, 0, sizeof(h));
    size_t pos = 0;
    bk_str_t n, v;
    while (bk_cache__head_next(head, &pos, &n, &v)) {
        if (bk_str_eq_ci(n, BK_STR("cache-control")))
            cc_parse(v, &cc);
        else if (h.expires.p == NULL && bk_str_eq_ci(n, BK_STR("expires")))
            h.expires = v.p ? v : bk_str(n.p, 0);
        else if (h.date.p == NULL && bk_str_eq_ci(n, BK_STR("date")))
            h.date = v;
        else if (h.age.p == NULL && bk_str_eq_ci(n, BK_STR("age")))
            h.age = v;
    }
    evaluate(p, status, &cc, &h, now, out);
}

/* ---------------------------------------------------------------------- */
/* Entries over time                                                       */
/* ---------------------------------------------------------------------- */

/* The freshness fields of an inserted entry may be rewritten by
 * bk_cache_entry_extend on one thread while others read them: each is
 * loaded and stored atomically (relaxed; a mix of old and new fields only
 * moves the instant the entry turns fresh). */
#define FLOAD(f) __atomic_load_n(&e->f, __ATOMIC_RELAXED)
#define FSTORE(f, v) __atomic_store_n(&e->f, (v), __ATOMIC_RELAXED)

void bk_cache_entry_set_fresh(bk_cache_entry_t *e, const bk_cache_fresh_t *f,
                              int64_t now)
{
    FSTORE(stored_at, now);
    FSTORE(ttl, f->ttl);
    FSTORE(initial_age, f->initial_age);
    FSTORE(stale_while_revalidate, f->stale_while_revalidate);
    FSTORE(stale_if_error, f->stale_if_error);
    FSTORE(must_revalidate, (uint8_t)(f->must_revalidate ? 1 : 0));
}

void bk_cache_entry_extend(bk_cache_entry_t *e, int64_t now, uint32_t secs)
{
    FSTORE(stored_at, now);
    FSTORE(initial_age, 0);
    FSTORE(ttl, secs);
}

uint32_t bk_cache_entry_age(const bk_cache_entry_t *e, int64_t now)
{
    int64_t stored_at = FLOAD(stored_at);
    int64_t resident = now > stored_at ? now - stored_at : 0;
    int64_t age = (int64_t)FLOAD(initial_age) + resident;
    return age > (int64_t)DELTA_MAX ? DELTA_MAX : (uint32_t)age;
}

int bk_cache_entry_fresh(const bk_cache_entry_t *e, int64_t now)
{
    return bk_cache_entry_age(e, now) < FLOAD(ttl);
}

int bk_cache_entry_stale_ok(const bk_cache_entry_t *e, int64_t now,
                            int origin_error)
{
    if (FLOAD(must_revalidate))
        return 0;
    uint64_t age = bk_cache_entry_age(e, now);
    uint64_t ttl = FLOAD(ttl);
    if (origin_error) {
        uint32_t sie = FLOAD(stale_if_error);
        return sie == 0 || age < ttl + sie;
    }
    return age < ttl + FLOAD(stale_while_revalidate);
}
