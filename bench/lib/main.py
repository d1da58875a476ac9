"""bench/run's driver: runs the suites asked for, prints one table per suite
and the targets of issues 3-6, writes the raw figures and the machine
description to bench/results/<UTC stamp>-<suites>.json.

    bench/run [all|engine|server]
"""

import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "bench", "engine"))
sys.path.insert(0, os.path.join(ROOT, "bench", "server"))

import benchlib  # noqa: E402
import targets  # noqa: E402


def main(argv):
    what = argv[1] if len(argv) > 1 else "all"
    if what not in ("all", "engine", "server"):
        sys.stderr.write("usage: bench/run [all|engine|server]\n")
        return 2
    benchlib.install_cleanup()
    # 10,000 idle connections need as many descriptors in the edges, which
    # inherit this limit: raise the soft limit to the hard one.
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    t0 = time.monotonic()
    res = {"stamp": benchlib.utc_stamp(), "suites": what,
           "machine": benchlib.machine_info()}
    out = []
    if what in ("all", "engine"):
        import suite as engine_suite
        benchlib.log("== engine suite")
        s0 = benchlib.cpu_snapshot()
        res["engine"] = engine_suite.run_suite()
        res["engine"]["other_load"] = benchlib.other_load(
            s0, benchlib.cpu_snapshot())
        out.append(engine_suite.render(res["engine"]))
    if what in ("all", "server"):
        import server_suite
        benchlib.log("== server suite")
        s0 = benchlib.cpu_snapshot()
        res["server"] = server_suite.run_suite()
        res["server"]["other_load"] = benchlib.other_load(
            s0, benchlib.cpu_snapshot())
        out.append(server_suite.render(res["server"]))
    res["machine"]["loadavg_end"] = benchlib.loadavg()
    res["seconds"] = round(time.monotonic() - t0, 1)
    res["targets"] = targets.evaluate(res)
    out.append(targets.render(res["targets"]))
    if os.environ.get("BENCH_BASELINE"):
        import baseline
        out.append(baseline.compare(res, os.environ["BENCH_BASELINE"]))
    m = res["machine"]
    out.append("Machine: %s, %s cores, kernel %s; load average %s -> %s; "
               "%.0f s." % (m["cpu"], m["cores"], m["kernel"],
                            m["loadavg_start"], m["loadavg_end"],
                            res["seconds"]))
    noise = []
    for k in ("engine", "server"):
        if k in res and res[k].get("other_load") is not None:
            noise.append("%s suite %.0f%%" % (k, 100 * res[k]["other_load"]))
    if noise:
        out.append("Other processes' share of the CPUs during the run "
                   "(noise): " + ", ".join(noise) + ".")
    rdir = os.path.join(ROOT, "bench", "results")
    path = os.path.join(rdir, res["stamp"] + "-" + what + ".json")
    benchlib.write_json(path, res)
    out.append("Raw figures: " + os.path.relpath(path, ROOT))
    print("\n\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
