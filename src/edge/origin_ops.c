/*
 * origin_ops.c: what a viewer-request function's origin helpers
 * (cloudfront-functions.md §7) do to the request: updateRequestOrigin
 * changes the behaviour's origin (the primary one of a group) for this
 * request; selectRequestOriginById picks another configured origin;
 * createRequestOriginGroup makes a two-origin failover group. The result is
 * a private origin (or group) in the request arena; the configuration is
 * never changed.
 *
 * Accepted and validated, but without effect in brink: originShield,
 * originAccessControlConfig, sni, allowedCertificateNames, ipAddressType,
 * sslProtocols (no TLS to origins yet) - docs/compat.md says so.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "edge/cff.h"
#include "edge/edge_int.h"

static bk_str_t sdup(bk_arena_t *a, const char *s)
{
    size_t n = strlen(s);
    char *p = bk_arena_memdup(a, s, n ? n : 1);
    return p ? bk_str(p, n) : BK_STR_NULL;
}

/* Applies updateRequestOrigin's fields to a copy of 'base'. */
static const bk_config_origin_t *updated(bk_edge_xchg_t *x,
                                         const bk_config_origin_t *base, json_t *o)
{
    bk_arena_t *a = x->arena;
    bk_config_origin_t *n = bk_arena_memdup(a, base, sizeof(*base));
    if (n == NULL)
        return NULL;
    json_t *v;
    if ((v = json_object_get(o, "domainName")) && json_is_string(v))
        n->domain_name = sdup(a, json_string_value(v));
    if ((v = json_object_get(o, "originPath")) && json_is_string(v))
        n->origin_path = sdup(a, json_string_value(v));
    if ((v = json_object_get(o, "connectionAttempts")) && json_is_integer(v))
        n->connection_attempts = (uint32_t)json_integer_value(v);
    if ((v = json_object_get(o, "timeouts")) && json_is_object(v)) {
        json_t *t;
        if ((t = json_object_get(v, "readTimeout")) && json_is_integer(t))
            n->read_timeout = (uint32_t)json_integer_value(t);
        if ((t = json_object_get(v, "keepAliveTimeout")) && json_is_integer(t))
            n->keepalive_timeout = (uint32_t)json_integer_value(t);
        if ((t = json_object_get(v, "connectionTimeout")) && json_is_integer(t))
            n->connection_timeout = (uint32_t)json_integer_value(t);
    }
    if ((v = json_object_get(o, "customOriginConfig")) && json_is_object(v)) {
        json_t *p = json_object_get(v, "port");
        json_t *pr = json_object_get(v, "protocol");
        if (pr && json_is_string(pr))
            n->protocol = strcmp(json_string_value(pr), "https") == 0
                              ? BK_CONFIG_ORIGIN_HTTPS_ONLY
                              : BK_CONFIG_ORIGIN_HTTP_ONLY;
        if (p && json_is_integer(p)) {
            if (n->protocol == BK_CONFIG_ORIGIN_HTTPS_ONLY)
                n->https_port = (uint16_t)json_integer_value(p);
            else
                n->http_port = (uint16_t)json_integer_value(p);
        }
    }
    if ((v = json_object_get(o, "customHeaders")) && json_is_object(v)) {
        /* The given set replaces the origin's; {} clears it. */
        size_t cnt = json_object_size(v), i = 0;
        bk_config_header_t *h = bk_arena_alloc(a, (cnt ? cnt : 1) * sizeof(*h));
        if (h == NULL)
            return NULL;
        const char *k;
        json_t *hv;
        json_object_foreach(v, k, hv)
        {
            h[i].name = sdup(a, k);
            h[i].value = sdup(a, json_string_value(hv));
            i++;
        }
        n->headers = h;
        n->n_headers = cnt;
    }
    if ((v = json_object_get(o, "hostHeader")) && json_is_string(v))
        x->host_override = sdup(a, json_string_value(v));
    return n;
}

static const bk_config_origin_t *by_id(bk_edge_xchg_t *x, const char *id)
{
    return bk_config_origin(x->cfg, bk_str_c(id));
}

int bk_edge__origin_op(bk_edge_xchg_t *x, int op, bk_str_t text)
{
    json_error_t je;
    json_t *o = json_loadb((const char *)text.p, text.n, 0, &je);
    if (o == NULL)
        return BK_ERR;
    int rc = BK_ERR;
    const bk_config_behavior_t *b = x->beh;
    const bk_config_origin_group_t *g = b->origin_group;
    const bk_config_origin_t *primary = b->origin ? b->origin : g->primary;
    switch (op) {
    case BK_CFF_ORIGIN_UPDATE: {
        const bk_config_origin_t *n = updated(x, primary, o);
        if (n == NULL)
            break;
        if (g != NULL) {
            /* Only the primary of a group changes (§7). */
            bk_config_origin_group_t *ng = bk_arena_memdup(x->arena, g, sizeof(*g));
            if (ng == NULL)
                break;
            ng->primary = n;
            x->group_override = ng;
        } else {
            x->origin_override = n;
        }
        rc = BK_OK;
        break;
    }
    case BK_CFF_ORIGIN_SELECT: {
        json_t *id = json_object_get(o, "originId");
        const bk_config_origin_t *n = id ? by_id(x, json_string_value(id)) : NULL;
        if (n == NULL) {
            bk_log_warn("request %s: selectRequestOriginById: no origin '%s'",
                        x->request_id, id ? json_string_value(id) : "?");
            break;
        }
        json_t *hh = json_object_get(o, "hostHeader");
        if (hh && json_is_string(hh))
            x->host_override = sdup(x->arena, json_string_value(hh));
        x->origin_override = n;
        x->group_override = NULL;
        rc = BK_OK;
        break;
    }
    case BK_CFF_ORIGIN_GROUP: {
        json_t *ids = json_object_get(o, "originIds");
        const bk_config_origin_t *m[2] = {NULL, NULL};
        for (size_t i = 0; i < 2; i++) {
            json_t *it = json_array_get(ids, i);
            json_t *id = json_object_get(it, "originId");
            m[i] = id ? by_id(x, json_string_value(id)) : NULL;
            if (m[i] == NULL) {
                bk_log_warn("request %s: createRequestOriginGroup: no origin '%s'",
                            x->request_id, id ? json_string_value(id) : "?");
                break;
            }
            json_t *ov = json_object_get(it, "originOverrides");
            if (ov && (m[i] = updated(x, m[i], ov)) == NULL)
                break;
        }
        if (m[0] == NULL || m[1] == NULL)
            break;
        json_t *sc = json_object_get(json_object_get(o, "failoverCriteria"),
                                     "statusCodes");
        size_t n = json_array_size(sc);
        uint16_t *codes = bk_arena_alloc(x->arena, (n ? n : 1) * sizeof(*codes));
        bk_config_origin_group_t *ng = bk_arena_calloc(x->arena, sizeof(*ng));
        if (codes == NULL || ng == NULL)
            break;
        for (size_t i = 0; i < n; i++)
            codes[i] = (uint16_t)json_integer_value(json_array_get(sc, i));
        ng->id = BK_STR("function-origin-group");
        ng->primary = m[0];
        ng->secondary = m[1];
        ng->status_codes = codes;
        ng->n_status_codes = n;
        x->group_override = ng;
        x->origin_override = NULL;
        rc = BK_OK;
        break;
    }
    default:
        rc = BK_OK;
    }
    json_decref(o);
    return rc;
}
