"""Helpers for brink's end-to-end tests: free loopback ports, the test
origin, a brink server with a config written by the test, raw and parsed
HTTP exchanges, and a tiny test runner whose last line is
"N passed, N failed". Every process a test starts is stopped by its pid."""
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BUILD = os.environ.get("BUILD", "build")
BRINK = os.environ.get("BRINK", os.path.join(ROOT, BUILD, "brink"))
HERE = os.path.dirname(os.path.abspath(__file__))

_procs = []


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def wait_port(port, timeout=10.0, proc=None):
    end = time.time() + timeout
    while time.time() < end:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("process exited with %s" % proc.returncode)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("port %d never opened" % port)


def start_origin():
    port = free_port()
    p = subprocess.Popen([sys.executable, os.path.join(HERE, "origin.py"), str(port)],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    _procs.append(p)
    p.stdout.readline()
    wait_port(port, proc=p)
    return port, p


def origin(oid, port, **kw):
    o = {
        "Id": oid, "DomainName": "127.0.0.1", "OriginPath": kw.get("path", ""),
        "CustomHeaders": {"Quantity": len(kw.get("headers", [])),
                          "Items": [{"HeaderName": k, "HeaderValue": v}
                                    for k, v in kw.get("headers", [])]},
        "CustomOriginConfig": {"HTTPPort": port, "HTTPSPort": 443,
                               "OriginProtocolPolicy": "http-only",
                               "OriginReadTimeout": kw.get("read_timeout", 2),
                               "OriginKeepaliveTimeout": 5},
        "ConnectionAttempts": kw.get("attempts", 1),
        "ConnectionTimeout": 2,
    }
    return o


def behaviour(target, pattern=None, methods=("GET", "HEAD"), policy=None,
              legacy=None, **kw):
    b = {
        "TargetOriginId": target, "ViewerProtocolPolicy": kw.get("vpp", "allow-all"),
        "AllowedMethods": {"Quantity": len(methods), "Items": list(methods),
                           "CachedMethods": {"Quantity": 2, "Items": ["GET", "HEAD"]}},
        "Compress": False,
    }
    if pattern is not None:
        b["PathPattern"] = pattern
    if legacy is not None:
        b.update(legacy)
    else:
        b["CachePolicyId"] = policy or "658327ea-f89d-4fab-a63d-7e88639e58f6"
    if "orp" in kw:
        b["OriginRequestPolicyId"] = kw["orp"]
    return b


def legacy_ttl(min_ttl=0, default=86400, max_ttl=31536000, qs=False):
    return {"MinTTL": min_ttl, "DefaultTTL": default, "MaxTTL": max_ttl,
            "ForwardedValues": {"QueryString": qs, "Cookies": {"Forward": "none"},
                                "Headers": {"Quantity": 0}}}


def config(origins, default, behaviours=(), groups=(), brink=None, **kw):
    dc = {
        "CallerReference": "e2e", "Comment": "", "Enabled": True,
        "Origins": {"Quantity": len(origins), "Items": list(origins)},
        "DefaultCacheBehavior": default,
        "CacheBehaviors": {"Quantity": len(behaviours), "Items": list(behaviours)},
    }
    if groups:
        dc["OriginGroups"] = {"Quantity": len(groups), "Items": list(groups)}
    if "errors" in kw:
        dc["CustomErrorResponses"] = {"Quantity": len(kw["errors"]), "Items": kw["errors"]}
    b = {"Listen": "127.0.0.1:%d" % free_port(), "Admin": "127.0.0.1:%d" % free_port(),
         "Workers": 1, "CacheMemory": "16MB", "Pop": "TST1-C1",
         "DomainName": "dtest.cloudfront.net", "DistributionId": "ETEST"}
    b.update(brink or {})
    return {"DistributionConfig": dc, "Brink": b}


class Brink:
    def __init__(self, cfg, workers=None):
        self.dir = tempfile.mkdtemp(prefix="brink-e2e-")
        self.cfg_path = os.path.join(self.dir, "dist.json")
        self.cfg = cfg
        cfg["Brink"].setdefault("AccessLog", os.path.join(self.dir, "access.log"))
        self.write(cfg)
        self.port = int(cfg["Brink"]["Listen"].rsplit(":", 1)[1])
        self.admin = int(cfg["Brink"]["Admin"].rsplit(":", 1)[1])
        args = [BRINK, "serve", "--config", self.cfg_path, "--log-level", "info"]
        self.log_path = os.path.join(self.dir, "brink.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        _procs.append(self.proc)
        wait_port(self.port, proc=self.proc)

    def write(self, cfg):
        with open(self.cfg_path, "w") as f:
            json.dump(cfg, f)

    def stop(self, timeout=10):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def logtext(self):
        self.log.flush()
        with open(self.log_path) as f:
            return f.read()

    def get(self, path, method="GET", headers=None, body=None, port=None):
        c = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=10)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data, r.getheaders()

    def admin_req(self, path, method="GET", body=None):
        return self.get(path, method=method, body=body, port=self.admin)


def raw(port, data, timeout=3.0):
    """Sends bytes; returns (everything received until close, closed?)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.sendall(data)
    out = b""
    closed = False
    try:
        while True:
            d = s.recv(65536)
            if not d:
                closed = True
                break
            out += d
    except socket.timeout:
        pass
    except ConnectionResetError:
        closed = True
    s.close()
    return out, closed


def origin_count(oport, path):
    c = http.client.HTTPConnection("127.0.0.1", oport, timeout=5)
    c.request("GET", "/__count?path=" + path)
    n = int(c.getresponse().read())
    c.close()
    return n


class Runner:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def run(self, name, fn, *args):
        try:
            fn(*args)
            self.passed += 1
            print("PASS " + name, flush=True)
        except Exception:
            self.failed += 1
            print("FAIL " + name, flush=True)
            for line in traceback.format_exc().strip().splitlines()[-6:]:
                print("    " + line, flush=True)

    def finish(self):
        for p in _procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        print("%d passed, %d failed" % (self.passed, self.failed))
        sys.exit(1 if self.failed else 0)


def expect(cond, msg=""):
    if not cond:
        raise AssertionError(msg)
