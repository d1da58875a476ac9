"""Comparison of a run with a saved baseline run (BENCH_BASELINE=FILE.json):
brink's figures now against the same cells of the baseline, so a change in
brink shows as a ratio. Only brink is compared (the peers do not change
between runs; their drift is the machine's noise, shown alongside).
"""

import json

from benchlib import fmt_ns, table


def _engine_rows(now, base):
    rows = []
    for wl, per in now.get("cells", {}).items():
        for eng in ("brink", "brink-js", "njs"):
            for mode in ("iso", "warm"):
                a = per.get(eng, {}).get(mode, {})
                b = base.get("cells", {}).get(wl, {}).get(eng, {}).get(mode,
                                                                        {})
                if a.get("status") != "ok" and b.get("status") != "ok":
                    continue
                va = a.get("median_ns") if a.get("status") == "ok" else None
                vb = b.get("median_ns") if b.get("status") == "ok" else None
                r = "%.2f" % (va / vb) if va and vb else "-"
                rows.append([wl, mode, eng, fmt_ns(vb) if vb else
                             b.get("status", "-"), fmt_ns(va) if va else
                             a.get("status", "-"), r])
    return rows


def _server_rows(now, base):
    rows = []
    for scen, per in now.get("scenarios", {}).items():
        for e in ("brink", "nginx"):
            a = per.get(e, {})
            b = base.get("scenarios", {}).get(scen, {}).get(e, {})
            va = a.get("rps") if a.get("status") == "ok" else None
            vb = b.get("rps") if b.get("status") == "ok" else None
            if va is None and vb is None:
                continue
            r = "%.2f" % (va / vb) if va and vb else "-"
            rows.append([scen, e, "%.0f" % vb if vb else b.get("status", "-"),
                         "%.0f" % va if va else a.get("status", "-"), r])
    return rows


def compare(res, path):
    try:
        with open(path) as f:
            base = json.load(f)
    except (OSError, ValueError) as e:
        return "Baseline %s: cannot read (%s)" % (path, e)
    out = []
    if "engine" in res and "engine" in base:
        out.append(table(["workload", "mode", "engine", "baseline", "now",
                          "now/base"],
                         _engine_rows(res["engine"], base["engine"]),
                         "Engine vs baseline %s (time: below 1 = faster; "
                         "njs shows the machine's drift)" % base.get("stamp"),
                         left=3))
    if "server" in res and "server" in base:
        out.append(table(["scenario", "edge", "baseline req/s", "now req/s",
                          "now/base"],
                         _server_rows(res["server"], base["server"]),
                         "Server vs baseline %s (req/s: above 1 = faster; "
                         "nginx shows the machine's drift)" % base.get(
                             "stamp"), left=2))
    return "\n\n".join(out) if out else "Baseline %s: no common suite" % path
