"""The speed targets of issues 3-6, checked against one run's figures.

Each target is "met", "NOT met" or "no data" (with the reason: brink not
built yet, a peer failed, the suite was not run). Ratios compare figures
from the same run only; engine ratios compare the same mode (warm with
warm), since the njs CLI has no isolated mode.
"""

from benchlib import fmt_ns, table


def _cell(res, wl, eng, mode):
    try:
        return res["engine"]["cells"][wl][eng][mode]
    except (KeyError, TypeError):
        return None


def _ok(c):
    return c is not None and c.get("status") == "ok"


def _why(c, who):
    if c is None:
        return "%s: suite not run" % who
    if c.get("status") == "not built":
        return "%s not built yet" % who
    return "%s: %s%s" % (who, c.get("status"), (" (%s)" % c["note"])
                         if c.get("note") else "")


def abs_target(res, issue, text, wl, mode, limit_ns):
    c = _cell(res, wl, "brink", mode)
    if not _ok(c):
        return _t(issue, text, "no data", _why(c, "brink"))
    v = c["median_ns"]
    return _t(issue, text, "met" if v <= limit_ns else "NOT met",
              "brink %s %s = %s" % (wl, mode, fmt_ns(v)))


def ratio_target(res, issue, text, pairs):
    """pairs: [(brink workload, peer, peer workload, max brink/peer)]; the
    target is met when every pair is within its bound."""
    details, status = [], "met"
    for bwl, peer, pwl, bound in pairs:
        b = _cell(res, bwl, "brink", "warm")
        p = _cell(res, pwl, peer, "warm")
        if not _ok(b) or not _ok(p):
            status = "no data" if status != "NOT met" else status
            details.append(_why(b, "brink") if not _ok(b)
                           else _why(p, peer))
            continue
        r = b["median_ns"] / p["median_ns"]
        if r > bound:
            status = "NOT met"
        details.append("%s/%s %.2f (need <= %.2f)" % (bwl, peer, r, bound))
    # One line of detail is enough when all are missing for one reason.
    uniq = []
    for d in details:
        if d not in uniq:
            uniq.append(d)
    return _t(issue, text, status, "; ".join(uniq))


def _t(issue, text, status, detail):
    return {"issue": issue, "target": text, "status": status,
            "detail": detail}


def _server(res, scen):
    try:
        return res["server"]["scenarios"][scen]
    except (KeyError, TypeError):
        return None


def server_ratio(res, issue, text, scen, min_ratio, p99=False):
    s = _server(res, scen)
    if s is None:
        return _t(issue, text, "no data", "server suite not run")
    b, n = s.get("brink"), s.get("nginx")
    if not b or b.get("status") != "ok":
        return _t(issue, text, "no data", "brink: %s" % (
            (b or {}).get("note") or "not run"))
    if not n or n.get("status") != "ok":
        return _t(issue, text, "no data", "nginx: %s" % (
            (n or {}).get("note") or "not run"))
    r = b["rps"] / n["rps"]
    ok = r >= min_ratio
    d = "req/s brink/nginx %.2f (need >= %.2f)" % (r, min_ratio)
    if p99:
        ok = ok and b["p99_us"] <= n["p99_us"]
        d += "; p99 %.0f vs %.0f us" % (b["p99_us"], n["p99_us"])
    return _t(issue, text, "met" if ok else "NOT met", d)


def rss_target(res, issue, text, limit_mb):
    try:
        b = res["server"]["idle"]["brink"]
    except (KeyError, TypeError):
        return _t(issue, text, "no data", "server suite not run")
    if b.get("status") != "ok":
        return _t(issue, text, "no data", "brink: %s" % b.get("note"))
    v = b["rss_mb"]
    return _t(issue, text, "met" if v <= limit_mb else "NOT met",
              "brink RSS %.1f MB with %d idle connections" % (v, b["held"]))


def tf_target(res, issue, text, limit_ms):
    try:
        c = res["engine"]["test_function"]
    except (KeyError, TypeError):
        return _t(issue, text, "no data", "engine suite not run")
    if c.get("status") != "ok":
        return _t(issue, text, "no data", "brink: %s" % c.get("note"))
    v = c["median_ms"]
    return _t(issue, text, "met" if v <= limit_ms else "NOT met",
              "median %.2f ms over %d runs" % (v, len(c["samples_ms"])))


def cff_target(res, issue, text, limit_ns):
    try:
        c = res["engine"]["cff_typical"]
    except (KeyError, TypeError):
        return _t(issue, text, "no data", "engine suite not run")
    if c.get("status") != "ok":
        return _t(issue, text, "no data", "brink: %s" % c.get("note"))
    v = c["median_ns"]
    return _t(issue, text, "met" if v <= limit_ns else "NOT met",
              "brink cff run = %s" % fmt_ns(v))


def evaluate(res):
    twice = lambda wl, pwl=None: [(wl, "njs", pwl or wl, 1.0),
                                  (wl, "duktape", pwl or wl, 0.5),
                                  (wl, "mujs", pwl or wl, 0.5)]
    t = [
        abs_target(res, 3, "trivial handler, begin+end of an isolated "
                   "invocation <= 0.5 us", "trivial", "iso", 500),
        abs_target(res, 3, "typical viewer-request (URI rewrite, 3 header "
                   "reads/writes, event built) <= 2 us isolated",
                   "uri_rewrite", "iso", 2000),
        ratio_target(res, 3, "compute-heavy: <= njs CLI and <= 0.5x "
                     "Duktape/MuJS (warm)", twice("compute")),
        ratio_target(res, 4, "JSON parse+stringify 2 KB: <= njs, <= 0.5x "
                     "Duktape/MuJS", twice("json_config")),
        ratio_target(res, 4, "regex routing: <= njs, <= 0.5x Duktape/MuJS",
                     twice("regex_route")),
        ratio_target(res, 4, "HS256 JWT (same plain-JS code): <= njs, "
                     "<= 0.5x Duktape/MuJS", twice("jwt_plain")),
        ratio_target(res, 4, "HS256 JWT with the crypto module: <= njs "
                     "crypto", [("jwt_crypto", "njs", "jwt_crypto", 1.0)]),
        ratio_target(res, 4, "querystring parse+sort+stringify (plain JS): "
                     "<= njs, <= 0.5x Duktape/MuJS", twice("qs_plain")),
        ratio_target(res, 4, "querystring module: <= njs module",
                     [("qs_module", "njs", "qs_module", 1.0)]),
        tf_target(res, 5, "brink test-function on a 10 KB function, whole "
                  "process <= 5 ms", 5.0),
        cff_target(res, 5, "in-process typical function with the real "
                   "event object and validation <= 2 us", 2000),
        server_ratio(res, 6, "cache hit + viewer-request function: >= 1.5x "
                     "nginx+njs req/s, p99 no worse", "hit_fn", 1.5,
                     p99=True),
        server_ratio(res, 6, "plain cache hit: >= 1.2x nginx proxy_cache "
                     "req/s", "hit", 1.2),
        rss_target(res, 6, "10,000 idle keep-alive connections in <= 64 MB "
                   "RSS", 64.0),
    ]
    return t


def render(ts):
    rows = [["#%d" % t["issue"], t["target"], t["status"], t["detail"]]
            for t in ts]
    return table(["issue", "target", "status", "detail"], rows,
                 "Targets (issues 3-6)", left=4)
