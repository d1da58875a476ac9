"""Shared helpers of brink's benchmark harness (bench/run).

Key invariant: every process the bench starts goes through start(); it runs
in its own session (process group), is recorded by pid, and is stopped by
that pid's group on every exit path: normal end, exception, SIGINT, SIGTERM
(see stop_all and install_cleanup). Nothing is ever killed by name.
"""

import atexit
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BUILD = os.environ.get("BENCH_BUILD", os.path.join(ROOT, "build"))
WORK = os.path.join(BUILD, "bench")
BRINK = os.environ.get("BRINK", os.path.join(BUILD, "brink"))

# ---------------------------------------------------------------- processes

_procs = []  # subprocess.Popen objects started by this run


def start(cmd, **kw):
    """Starts cmd in its own process group and records it for stop_all."""
    kw.setdefault("stdin", subprocess.DEVNULL)
    p = subprocess.Popen(cmd, start_new_session=True, **kw)
    _procs.append(p)
    return p


def stop(p, sig=signal.SIGTERM, grace=5.0):
    """Stops p's process group: sig, then SIGKILL after 'grace' seconds."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            pass
        try:
            p.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
    else:
        # The leader is gone; children it left in the group may remain.
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if p in _procs:
        _procs.remove(p)


def stop_all():
    for p in list(_procs):
        stop(p, grace=2.0)


def install_cleanup():
    atexit.register(stop_all)

    def on_signal(signum, frame):
        stop_all()
        sys.exit(128 + signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)


def run(cmd, timeout=120, **kw):
    """Runs cmd to completion (own process group, killed on timeout).
    Returns (returncode, stdout, stderr, seconds); returncode None on
    timeout."""
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    t0 = time.monotonic()
    try:
        p = start(cmd, **kw)
    except OSError as e:  # e.g. a peer that is not installed
        return 127, "", "%s: %s" % (cmd[0], e.strerror), 0.0
    try:
        out, err = p.communicate(timeout=timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        stop(p, sig=signal.SIGKILL, grace=1.0)
        out, err = p.communicate()
        rc = None
    if p in _procs:
        _procs.remove(p)
    dt = time.monotonic() - t0
    dec = lambda b: b.decode("utf-8", "replace") if isinstance(b, bytes) \
        else (b or "")
    return rc, dec(out), dec(err), dt


def last_json_line(text):
    """The last line of text that parses as a JSON object, or None."""
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                continue
    return None


# ------------------------------------------------------------------ network

def free_port():
    """A currently free TCP port on 127.0.0.1 (the kernel picks it)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, timeout=10.0, proc=None):
    """True once 127.0.0.1:port accepts connections; False on timeout or if
    proc exits first."""
    t_end = time.monotonic() + timeout
    while time.monotonic() < t_end:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


# -------------------------------------------------------------------- stats

def median(xs):
    return statistics.median(xs) if xs else None


def spread(xs):
    """(max - min) / median, a crude noise figure for one cell."""
    if not xs or len(xs) < 2:
        return None
    m = statistics.median(xs)
    return (max(xs) - min(xs)) / m if m else None


def fmt_ns(ns):
    """Nanoseconds as a short human figure: 412 ns, 7.03 us, 2.47 ms."""
    if ns is None:
        return "-"
    if ns < 1000:
        return "%.0f ns" % ns
    if ns < 1e6:
        return "%.3g us" % (ns / 1e3)
    return "%.3g ms" % (ns / 1e6)


def fmt_ratio(r):
    """A time ratio; under 0.1 shown as 1/N (the peer takes N times as
    long), which stays readable where 0.00 would not."""
    if r is None:
        return "-"
    if r < 0.1:
        return "1/%.0f" % (1 / r) if r > 0 else "0"
    return "%.2f" % r if r < 100 else "%.0f" % r


def table(headers, rows, title=None, left=1):
    """Plain-text table, columns sized to content; the first 'left'
    columns are left-aligned, the others right-aligned (numbers)."""
    cols = [[str(h)] + [str(r[i]) for r in rows]
            for i, h in enumerate(headers)]
    widths = [max(len(c) for c in col) for col in cols]
    lines = []
    if title:
        lines.append(title)
    def fmt(cells):
        out = []
        for i, c in enumerate(cells):
            c = str(c)
            out.append(c.ljust(widths[i]) if i < left else c.rjust(widths[i]))
        return "  ".join(out).rstrip()
    lines.append(fmt(headers))
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append(fmt(r))
    return "\n".join(lines)


# ------------------------------------------------------------------ machine

def _cmd_first_line(cmd):
    try:
        rc, out, err, _ = run(cmd, timeout=20)
    except OSError:
        return None
    text = (out or err).strip()
    return text.splitlines()[0] if text else None


def dpkg_version(pkg):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                             capture_output=True, text=True, timeout=20)
    except OSError:
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return [float(x) for x in f.read().split()[:3]]
    except OSError:
        return None


def cpu_snapshot():
    """(machine busy CPU seconds, this run's own CPU seconds incl. waited
    children, wall seconds) for other_load()."""
    import resource
    busy = None
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        hz = os.sysconf("SC_CLK_TCK")
        idle = v[3] + (v[4] if len(v) > 4 else 0)
        busy = (sum(v[:8]) - idle) / hz
    except (OSError, ValueError):
        pass
    own = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        own += r.ru_utime + r.ru_stime
    return busy, own, time.monotonic()


def other_load(snap0, snap1):
    """Share of the machine (0-1, all cores) busy with processes that are
    not this bench during the interval: the noise indicator of a run."""
    if snap0[0] is None or snap1[0] is None:
        return None
    wall = snap1[2] - snap0[2]
    others = (snap1[0] - snap0[0]) - (snap1[1] - snap0[1])
    cores = os.cpu_count() or 1
    return max(0.0, others / (wall * cores)) if wall > 0 else None


def mem_total_mb():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def git_commit():
    try:
        out = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short",
                              "HEAD"], capture_output=True, text=True,
                             timeout=10)
        return out.stdout.strip() or None
    except OSError:
        return None


def src_dirty():
    """How many files under src/ differ from the commit (work in progress
    of other helpers is built into the binary under test)."""
    try:
        out = subprocess.run(["git", "-C", ROOT, "status", "--porcelain",
                              "--", "src"], capture_output=True, text=True,
                             timeout=10)
        return len([l for l in out.stdout.splitlines() if l.strip()])
    except OSError:
        return None


def machine_info():
    """CPU, cores, kernel and the version of every peer, for the JSON."""
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "mem_mb": mem_total_mb(),
        "kernel": platform.release(),
        "os": _os_release(),
        "loadavg_start": loadavg(),
        "brink_commit": git_commit(),
        "brink_src_files_uncommitted": src_dirty(),
        "versions": {
            "njs": _cmd_first_line(["njs", "-v"]),
            "node": _cmd_first_line(["node", "--version"]),
            "duktape-dev": dpkg_version("duktape-dev"),
            "libmujs-dev": dpkg_version("libmujs-dev"),
            "nginx": dpkg_version("nginx"),
            "libnginx-mod-http-js": dpkg_version("libnginx-mod-http-js"),
            "wrk": dpkg_version("wrk"),
            "gcc": _cmd_first_line(["gcc", "--version"]),
            "python": platform.python_version(),
        },
    }


def _os_release():
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return None


def utc_stamp():
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=False)
        f.write("\n")


def log(msg):
    sys.stderr.write(msg + "\n")
    sys.stderr.flush()
