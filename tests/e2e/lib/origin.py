"""A test origin for brink's end-to-end tests, on 127.0.0.1.

It speaks HTTP/1.1 with keep-alive and can misbehave on demand, by path:
  /static/<name>[?cc=<Cache-Control>&etag=<e>]  200 "static:<name>"
  /slow/<ms>/<name>       waits <ms> then answers like /static
  /status/<code>[/name]   answers <code> (cacheable: Cache-Control from ?cc)
  /reset                  closes the connection without answering (RST)
  /garbled                sends a malformed status line
  /truncated              promises 100 bytes, sends 10 and closes
  /chunked/<name>         chunked body "chunk:<name>"
  /echo[...]              JSON of the request it received
  /big/<n>                n bytes of a repeating pattern
  /__count?path=<p>       how many times <p> was requested (control)
  /__reset_counts         clears the counters (control)
Every path is counted (without its query string) before it is answered.
"""
import json
import socket
import sys
import threading
import time
import urllib.parse

counts = {}
PREFIXES = {"api", "legacy", "ro", "dead", "timeout", "group", "groupdead", "secure", "z",
            "moved", "pick"}
lock = threading.Lock()


def read_request(sock, buf):
    while b"\r\n\r\n" not in buf:
        d = sock.recv(65536)
        if not d:
            return None, buf
        buf += d
    head, rest = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = []
    for l in lines[1:]:
        k, v = l.split(":", 1)
        headers.append((k.strip(), v.strip()))
    n = 0
    for k, v in headers:
        if k.lower() == "content-length":
            n = int(v)
    while len(rest) < n:
        d = sock.recv(65536)
        if not d:
            return None, b""
        rest += d
    body, rest = rest[:n], rest[n:]
    return (method, target, headers, body), rest


def respond(sock, status, body, headers=(), reason="X"):
    h = "HTTP/1.1 %d %s\r\n" % (status, reason)
    for k, v in headers:
        h += "%s: %s\r\n" % (k, v)
    h += "Content-Length: %d\r\n\r\n" % len(body)
    sock.sendall(h.encode("latin-1") + body)


def handle(sock):
    buf = b""
    while True:
        req, buf = read_request(sock, buf)
        if req is None:
            return
        method, target, headers, body = req
        u = urllib.parse.urlsplit(target)
        q = dict(urllib.parse.parse_qsl(u.query, keep_blank_values=True))
        path = u.path
        if not path.startswith("/__"):
            with lock:
                counts[path] = counts.get(path, 0) + 1
        # Behaviour prefixes of the tests' configs route here too.
        first = path.split("/")[1] if path.count("/") > 1 else ""
        if first in PREFIXES:
            path = path[len(first) + 1:]
        hdrs = []
        if "cc" in q:
            hdrs.append(("Cache-Control", q["cc"]))
        if "etag" in q:
            hdrs.append(("ETag", q["etag"]))
        if "sc" in q:
            hdrs.append(("Set-Cookie", q["sc"]))
        head_only = method == "HEAD"
        parts = path.split("/")
        if path == "/__count":
            with lock:
                n = counts.get(q.get("path", ""), 0)
            respond(sock, 200, str(n).encode())
        elif path == "/__reset_counts":
            with lock:
                counts.clear()
            respond(sock, 200, b"ok")
        elif path == "/reset":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                            b"\x01\x00\x00\x00\x00\x00\x00\x00")
            sock.close()
            return
        elif path == "/garbled":
            sock.sendall(b"HTTP/1.1 2OO Okay\r\nFoo bar\r\n\r\n")
            sock.close()
            return
        elif path == "/truncated":
            sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
            sock.close()
            return
        elif path.startswith("/flip/"):
            # 200 cacheable for 1 s the first time, 500 afterwards
            with lock:
                n = counts.get(u.path, 0)
            if n <= 1:
                respond(sock, 200, b"flip:good", [("Cache-Control", "max-age=1")])
            else:
                respond(sock, 500, b"flip:broken", [("Cache-Control", "no-store")])
        elif path.startswith("/reval/"):
            inm = dict((k.lower(), v) for k, v in headers).get("if-none-match")
            if inm == '"v1"':
                respond(sock, 304, b"", [("ETag", '"v1"'), ("Cache-Control", "max-age=60")])
            else:
                respond(sock, 200, b"reval:body", [("ETag", '"v1"'), ("Cache-Control", "max-age=1")])
        elif path.startswith("/slow/"):
            time.sleep(int(parts[2]) / 1000.0)
            respond(sock, 200, b"" if head_only else ("slow:" + "/".join(parts[3:])).encode(), hdrs)
        elif path.startswith("/status/"):
            code = int(parts[2])
            respond(sock, code, b"" if head_only else ("status:%d" % code).encode(), hdrs)
        elif path.startswith("/chunked/"):
            data = ("chunk:" + parts[2]).encode()
            h = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
            for k, v in hdrs:
                h += "%s: %s\r\n" % (k, v)
            out = h.encode() + b"\r\n"
            for i in range(0, len(data), 4):
                piece = data[i:i + 4]
                out += b"%x;ext=1\r\n%s\r\n" % (len(piece), piece)
            out += b"0\r\nX-Trailer: t\r\n\r\n"
            sock.sendall(out)
        elif path.startswith("/echo"):
            doc = {"method": method, "target": target, "headers": headers,
                   "body": body.decode("latin-1")}
            respond(sock, 200, json.dumps(doc).encode(),
                    hdrs + [("Content-Type", "application/json")])
        elif path.startswith("/big/"):
            n = int(parts[2])
            data = (b"0123456789abcdef" * (n // 16 + 1))[:n]
            if n % 2 == 0:  # even sizes are text, odd ones untyped
                hdrs = hdrs + [("Content-Type", "text/plain")]
            respond(sock, 200, b"" if head_only else data, hdrs)
        elif path.startswith("/static/"):
            respond(sock, 200, b"" if head_only else ("static:" + parts[2]).encode(),
                    hdrs + [("Content-Type", "text/plain")])
        else:
            respond(sock, 404, b"not found", hdrs)


def serve(port):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", port))
    ls.listen(256)
    print("ready", flush=True)
    while True:
        s, _ = ls.accept()
        threading.Thread(target=lambda: _run(s), daemon=True).start()


def _run(s):
    try:
        handle(s)
    except Exception:
        pass
    finally:
        try:
            s.close()
        except Exception:
            pass


if __name__ == "__main__":
    serve(int(sys.argv[1]))
