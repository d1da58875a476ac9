"""Opens N keep-alive connections to 127.0.0.1:PORT, sends one request on
each and reads its response, then leaves them all idle.

    python3 idle_conns.py PORT N PATH

Prints `READY {"held": k, "failed": f, "seconds": s}` once the connections
are idle, waits for a line on stdin (the suite measures the server's memory
meanwhile), prints `STILL {"open": k}` (connections the server has not
closed) and closes everything with RST (SO_LINGER 0, so no TIME_WAIT is
left behind to exhaust ports for the next server).
"""

import json
import resource
import select
import socket
import struct
import sys
import time

BATCH = 500


def raise_nofile(n):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, n + 100))
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return want


def wait_fd(s, events, timeout):
    """poll() on one socket (select() cannot take fds above 1023)."""
    p = select.poll()
    p.register(s, events)
    return bool(p.poll(int(timeout * 1000)))


def read_response(s, deadline):
    """Reads one response with Content-Length; True when complete."""
    buf = b""
    while time.monotonic() < deadline:
        if not wait_fd(s, select.POLLIN, 0.5):
            continue
        chunk = s.recv(65536)
        if not chunk:
            return False
        buf += chunk
        head_end = buf.find(b"\r\n\r\n")
        if head_end < 0:
            continue
        clen = 0
        for line in buf[:head_end].split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            if k.strip().lower() == b"content-length":
                clen = int(v.strip())
        if len(buf) >= head_end + 4 + clen:
            return buf.startswith(b"HTTP/1.1 2")
    return False


def main():
    port, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    limit = raise_nofile(n)
    if limit < n + 50:
        n = limit - 50
    req = ("GET %s HTTP/1.1\r\nHost: www.example.com\r\n"
           "User-Agent: bench-idle\r\n\r\n" % path).encode()
    socks, failed = [], 0
    t0 = time.monotonic()
    linger = struct.pack("ii", 1, 0)
    for start in range(0, n, BATCH):
        batch = []
        for _ in range(min(BATCH, n - start)):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            s.setblocking(False)
            try:
                s.connect(("127.0.0.1", port))
            except BlockingIOError:
                pass
            except OSError:
                failed += 1
                s.close()
                continue
            batch.append(s)
        # Wait for the connects, send the request, read each response.
        deadline = time.monotonic() + 10
        pending = {s.fileno(): s for s in batch}
        while pending and time.monotonic() < deadline:
            p = select.poll()
            for fd in pending:
                p.register(fd, select.POLLOUT)
            for fd, _ in p.poll(500):
                s = pending.pop(fd)
                try:
                    s.sendall(req)
                except OSError:
                    failed += 1
                    batch.remove(s)
                    s.close()
        for s in pending.values():
            failed += 1
            batch.remove(s)
            s.close()
        for s in list(batch):
            s.setblocking(True)
            if read_response(s, deadline):
                socks.append(s)
            else:
                failed += 1
                s.close()
    dt = time.monotonic() - t0
    print("READY " + json.dumps({"held": len(socks), "failed": failed,
                                 "seconds": round(dt, 2)}), flush=True)
    sys.stdin.readline()
    # Connections the server closed meanwhile read as EOF (readable).
    still = 0
    for s in socks:
        if wait_fd(s, select.POLLIN, 0):
            try:
                if s.recv(1, socket.MSG_PEEK) == b"":
                    continue
            except OSError:
                continue
        still += 1
    print("STILL " + json.dumps({"open": still}), flush=True)
    for s in socks:
        s.close()


if __name__ == "__main__":
    main()
