"""Server suite: brink serve and nginx + njs, configured equivalently in
front of one origin (nginx serving static files), all on 127.0.0.1.

Scenarios (one URL each, the same for both edges):
  proxy   plain proxy, no cache (CachingDisabled / no proxy_cache)
  hit     cache hit (CachingOptimized / proxy_cache)
  hit_fn  cache hit after a viewer-request function (the URI rewrite of the
          engine suite: brink's CloudFront function, njs via js_set)
  miss    cache miss through to the origin: every request a new key

Each scenario is first checked (status, body, X-Cache says hit or miss as
expected; a wrong answer is reported and not timed), then warmed up, then
run RUNS times with wrk (fixed threads, connections, duration), the two
edges alternating so slow drifts of a shared machine hit both alike.
Figures: medians over the runs of requests/s and of p50/p99 latency.
Before the scenarios, each freshly started edge holds IDLE_CONNS idle
keep-alive connections and its memory (RSS summed over its processes, and
PSS) is read.

Every process is started through benchlib.start and stopped by pid.
"""

import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import time

from benchlib import (BRINK, ROOT, WORK, free_port, last_json_line, log,
                      median, run, start, stop, table, wait_port)

HERE = os.path.join(ROOT, "bench", "server")
DIR = os.path.join(WORK, "server")
DURATION = int(os.environ.get("BENCH_DURATION", "8"))
CONNS = int(os.environ.get("BENCH_CONNS", "50"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "1"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
IDLE_CONNS = int(os.environ.get("BENCH_IDLE_CONNS", "10000"))

HEADERS = {
    "Host": "www.example.com",
    "User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
                  "Mobile/15E148",
    "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8",
    "Accept": "text/html",
}

SCENARIOS = [
    # name, path, expected body marker, expected X-Cache word (or None)
    ("proxy", "/proxy/page.html", b"bench-page", None),
    ("hit", "/cached/page.html", b"bench-page", "hit"),
    ("hit_fn", "/fn/docs/guide/", b"bench-fn-guide-index", "hit"),
    ("miss", "/miss/", b"bench-page", "miss"),
]

DESCR = {
    "proxy": "plain proxy (no cache)",
    "hit": "cache hit",
    "hit_fn": "cache hit + viewer-request function",
    "miss": "cache miss to origin (new key each request)",
}


# -------------------------------------------------------------- setup files

def page(marker, size=2048):
    """An HTML page of about 'size' bytes carrying a marker string."""
    head = ("<!doctype html><html><head><title>%s</title></head><body>"
            "<h1>%s</h1>" % (marker, marker))
    filler = "<p>" + "lorem ipsum dolor sit amet " * 4 + "</p>\n"
    body = head
    while len(body) < size - 20:
        body += filler
    return (body[:size - 15] + "</body></html>\n").encode()


def fill(template, subs):
    with open(os.path.join(HERE, template)) as f:
        text = f.read()
    for k, v in subs.items():
        text = text.replace("@%s@" % k, str(v))
    return text


def prepare(ports):
    if os.path.isdir(DIR):
        shutil.rmtree(DIR)
    www = os.path.join(DIR, "www")
    for d in ["www/proxy", "www/cached", "www/fn/docs/guide",
              "origin-tmp", "edge-tmp"]:
        os.makedirs(os.path.join(DIR, d), exist_ok=True)
    plain = page("bench-page")
    for rel in ["page.html", "proxy/page.html", "cached/page.html"]:
        with open(os.path.join(www, rel), "wb") as f:
            f.write(plain)
    with open(os.path.join(www, "fn/docs/guide/index.html"), "wb") as f:
        f.write(page("bench-fn-guide-index"))
    cache_dir = "/dev/shm/brink-bench-cache-%d" % os.getpid()
    subs = {"DIR": DIR, "ORIGIN_PORT": ports["origin"],
            "EDGE_PORT": ports["nginx"], "ADMIN_PORT": ports["admin"],
            "WORKERS": WORKERS, "CACHE_DIR": cache_dir}
    files = {"origin.conf": fill("nginx-origin.conf", subs),
             "edge.conf": fill("nginx-edge.conf", subs),
             "brink.json": fill("brink.json", dict(subs,
                                EDGE_PORT=ports["brink"]))}
    for name, text in files.items():
        with open(os.path.join(DIR, name), "w") as f:
            f.write(text)
    for name in ["edge.js", "viewer_request.js"]:
        shutil.copy(os.path.join(HERE, name), os.path.join(DIR, name))
    with open(os.path.join(HERE, "wrk.lua")) as f:
        report = f.read()
    with open(os.path.join(HERE, "wrk_miss.lua")) as f:
        miss = f.read()
    with open(os.path.join(DIR, "report.lua"), "w") as f:
        f.write(report)
    with open(os.path.join(DIR, "miss.lua"), "w") as f:
        f.write(report + "\n" + miss)
    return cache_dir


# ---------------------------------------------------------------- processes

def start_nginx(conf, port, name):
    errf = open(os.path.join(DIR, name + ".stderr"), "w")
    p = start(["nginx", "-c", conf, "-p", DIR, "-e",
               os.path.join(DIR, name + "-startup.log")],
              stdout=errf, stderr=errf)
    if not wait_port(port, 10, p):
        stop(p)
        return None, _tail(os.path.join(DIR, name + ".stderr")) or \
            _tail(os.path.join(DIR, name.split("-")[0] + "-error.log"))
    return p, None


def start_brink(port):
    if not os.access(BRINK, os.X_OK):
        return None, "not built yet (%s missing)" % os.path.relpath(BRINK,
                                                                    ROOT)
    errf = open(os.path.join(DIR, "brink.stderr"), "w")
    p = start([BRINK, "serve", "--config", os.path.join(DIR, "brink.json")],
              stdout=errf, stderr=errf)
    if not wait_port(port, 10, p):
        rc = p.poll()
        stop(p)
        tail = _tail(os.path.join(DIR, "brink.stderr"))
        if rc is not None:
            return None, "not built yet (`brink serve --config` exit %s: " \
                "%s)" % (rc, tail)
        return None, "did not listen within 10 s: %s" % tail
    return p, None


def _tail(path):
    try:
        with open(path) as f:
            lines = [l.strip() for l in f if l.strip()]
        return lines[-1][:160] if lines else ""
    except OSError:
        return ""


def pids_of(p):
    """The process and its descendants (nginx master + workers)."""
    kids = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
            ppid = int(st[st.rfind(")") + 2:].split()[1])
            kids.setdefault(ppid, []).append(int(d))
        except (OSError, ValueError, IndexError):
            continue
    out, todo = [], [p.pid]
    while todo:
        x = todo.pop()
        out.append(x)
        todo.extend(kids.get(x, []))
    return out


def memory_mb(p):
    """(RSS summed over the processes, PSS summed) in MB."""
    rss = pss = 0
    for pid in pids_of(p):
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
            with open("/proc/%d/smaps_rollup" % pid) as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024.0, pss / 1024.0


# ------------------------------------------------------------------- checks

def fetch(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        c.request("GET", path, headers=HEADERS)
        r = c.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        c.close()


def check(port, scen):
    """Checks a scenario's answer before timing it. Returns None when the
    answer is right, else what is wrong."""
    name, path, marker, xcache = scen
    try:
        if name == "miss":
            path = path + "check-%d.html" % random.randrange(1 << 30)
        else:
            # Prime the cache: one request per worker and then some, on
            # fresh connections, since an edge may keep a cache per worker.
            for _ in range(2 * WORKERS + 2):
                fetch(port, path)
        st, hdrs, body = fetch(port, path)
    except (OSError, http.client.HTTPException) as e:
        return "request failed: %s" % e
    if st != 200:
        return "status %d" % st
    if marker not in body:
        return "body lacks %r (%d bytes)" % (marker.decode(), len(body))
    if xcache is not None:
        got = hdrs.get("x-cache", "")
        if xcache not in got.lower():
            return "X-Cache %r, expected a %s" % (got, xcache)
    if name == "hit_fn" and hdrs.get("x-seen-device") != "mobile":
        return "the function did not run (origin saw X-Device %r)" % (
            hdrs.get("x-seen-device"))
    return None


# ---------------------------------------------------------------------- wrk

def wrk(port, scen, duration):
    name, path = scen[0], scen[1]
    script = os.path.join(DIR, "miss.lua" if name == "miss" else "report.lua")
    cmd = ["wrk", "-t%d" % THREADS, "-c%d" % CONNS, "-d%ds" % duration,
           "--timeout", "5s", "-s", script]
    for k, v in HEADERS.items():
        if k != "Host":
            cmd += ["-H", "%s: %s" % (k, v)]
    cmd += ["-H", "Host: " + HEADERS["Host"],
            "http://127.0.0.1:%d%s" % (port, path)]
    if name == "miss":
        cmd += ["--", "r%d" % random.randrange(1 << 40)]
    rc, out, err, _ = run(cmd, timeout=duration + 30)
    res = last_json_line(out)
    if rc != 0 or res is None:
        return {"error": "wrk exit %s: %s" % (rc, (err or out)[-200:])}
    return res


def summarize(runs):
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return {"status": "error", "note": runs[0].get("error"),
                "runs": runs}
    bad = sum(sum(r["errors"].values()) for r in ok)
    return {
        "status": "ok" if len(ok) == len(runs) else "error",
        "rps": median([r["rps"] for r in ok]),
        "p50_us": median([r["p50_us"] for r in ok]),
        "p99_us": median([r["p99_us"] for r in ok]),
        "errors": bad,
        "note": None if len(ok) == len(runs) else "some runs failed",
        "runs": runs,
    }


# --------------------------------------------------------------------- idle

def idle_test(p, port):
    """Holds IDLE_CONNS idle keep-alive connections open on the edge and
    reads its memory meanwhile."""
    rss0, pss0 = memory_mb(p)
    client = start([sys.executable, os.path.join(HERE, "idle_conns.py"),
                    str(port), str(IDLE_CONNS), "/cached/page.html"],
                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE, text=True)
    try:
        line = client.stdout.readline()
        if not line.startswith("READY "):
            return {"status": "error", "note": "client: %s %s" % (
                line.strip(), client.stderr.read()[-200:])}
        info = json.loads(line[6:])
        time.sleep(1.0)
        rss, pss = memory_mb(p)
        client.stdin.write("\n")
        client.stdin.flush()
        still = json.loads(client.stdout.readline()[6:] or "{}")
        client.wait(timeout=30)
        return {"status": "ok", "held": info["held"],
                "failed": info["failed"], "open_after": still.get("open"),
                "connect_s": info["seconds"], "rss_mb": round(rss, 1),
                "pss_mb": round(pss, 1), "rss_before_mb": round(rss0, 1),
                "pss_before_mb": round(pss0, 1)}
    except (OSError, ValueError, subprocess.TimeoutExpired) as e:
        return {"status": "error", "note": str(e)}
    finally:
        stop(client)


# -------------------------------------------------------------------- suite

def run_suite():
    os.makedirs(WORK, exist_ok=True)
    missing = [t for t in ("nginx", "wrk") if not shutil.which(t)]
    if missing:
        return {"error": "not installed: " + ", ".join(missing),
                "scenarios": {}, "idle": {}}
    ports = {k: free_port() for k in ("origin", "nginx", "brink", "admin")}
    cache_dir = prepare(ports)
    res = {"params": {"duration_s": DURATION, "connections": CONNS,
                      "threads": THREADS, "workers": WORKERS, "runs": RUNS,
                      "idle_connections": IDLE_CONNS,
                      "headers": HEADERS},
           "scenarios": {}, "idle": {}, "edges": {}}
    origin = edges = None
    try:
        origin, err = start_nginx(os.path.join(DIR, "origin.conf"),
                                  ports["origin"], "origin")
        if origin is None:
            res["error"] = "origin did not start: %s" % err
            return res
        edges = {}
        p, err = start_nginx(os.path.join(DIR, "edge.conf"), ports["nginx"],
                             "edge")
        edges["nginx"] = (p, ports["nginx"], err)
        p, err = start_brink(ports["brink"])
        edges["brink"] = (p, ports["brink"], err)
        for e, (p, port, err) in edges.items():
            res["edges"][e] = {"started": p is not None, "note": err}
            log("server: %s %s" % (e, "up on %d" % port if p else err))

        # Idle connections first, on freshly started edges, so that what
        # the scenarios leave behind (a full cache) is not counted.
        for e, (p, port, err) in edges.items():
            if p is None:
                res["idle"][e] = {"status": "not built" if e == "brink"
                                  else "error", "note": err}
                continue
            res["idle"][e] = idle_test(p, port)
            log("  idle   %-6s %s" % (e, res["idle"][e]))

        for scen in SCENARIOS:
            name = scen[0]
            per = {}
            live = {}
            for e, (p, port, err) in edges.items():
                if p is None:
                    per[e] = {"status": "not built" if e == "brink"
                              else "error", "note": err}
                    continue
                bad = check(port, scen)
                if bad:
                    per[e] = {"status": "wrong", "note": bad}
                    log("  %-7s %-6s WRONG: %s" % (name, e, bad))
                    continue
                wrk(port, scen, 1)  # warm-up: caches, pools, JIT-free
                live[e] = port
            runs = {e: [] for e in live}
            for i in range(RUNS):
                for e, port in live.items():
                    r = wrk(port, scen, DURATION)
                    runs[e].append(r)
                    log("  %-7s %-6s run %d: %s" % (
                        name, e, i + 1, "%.0f req/s p99 %s us" % (
                            r["rps"], r["p99_us"]) if "error" not in r
                        else r["error"]))
            for e in live:
                per[e] = summarize(runs[e])
            res["scenarios"][name] = per

    finally:
        for e, (p, port, err) in (edges or {}).items():
            if p is not None:
                stop(p)
        if origin is not None:
            stop(origin)
        shutil.rmtree(cache_dir, ignore_errors=True)
    return res


def render(res):
    if res.get("error"):
        return "Server suite: " + res["error"]
    heads = ["scenario", "brink req/s", "nginx req/s", "b/nginx",
             "brink p50", "nginx p50", "brink p99", "nginx p99"]
    rows = []

    def v(c, k, fmt):
        if c is None:
            return "-"
        if c.get("status") != "ok":
            return {"not built": "(nb)", "wrong": "WRONG"}.get(
                c.get("status"), "error")
        return fmt % c[k]

    for name, per in res["scenarios"].items():
        b, n = per.get("brink"), per.get("nginx")
        r = "-"
        if b and n and b.get("status") == "ok" and n.get("status") == "ok":
            r = "%.2f" % (b["rps"] / n["rps"])
        rows.append([DESCR.get(name, name), v(b, "rps", "%.0f"),
                     v(n, "rps", "%.0f"), r,
                     v(b, "p50_us", "%d us"), v(n, "p50_us", "%d us"),
                     v(b, "p99_us", "%d us"), v(n, "p99_us", "%d us")])
    out = [table(heads, rows, "Server suite")]
    p = res["params"]
    idle = []
    for e in ("brink", "nginx"):
        c = res["idle"].get(e, {})
        if c.get("status") == "ok":
            idle.append("%s %.1f MB RSS (%.1f MB PSS; %.1f MB before), %d "
                        "held, %s still open at the end" % (
                            e, c["rss_mb"], c["pss_mb"], c["rss_before_mb"],
                            c["held"], c["open_after"]))
        else:
            idle.append("%s: %s" % (e, c.get("note") or c.get("status")))
    out.append("  %d idle keep-alive connections: %s." % (
        p["idle_connections"], "; ".join(idle)))
    out.append("  wrk -t%d -c%d -d%ds, %d runs alternating the edges, "
               "medians; edges and origin with %d worker(s); b/nginx = "
               "brink req/s / nginx req/s (above 1: brink faster)." % (
                   p["threads"], p["connections"], p["duration_s"],
                   p["runs"], p["workers"]))
    for e, s in res["edges"].items():
        if not s["started"]:
            out.append("  (nb) %s: %s" % (e, s["note"]))
    for name, per in res["scenarios"].items():
        for e, c in per.items():
            if c.get("status") == "wrong":
                out.append("  WRONG %s, %s: %s (not timed)" % (
                    e, DESCR.get(name, name), c.get("note")))
    return "\n".join(out)
