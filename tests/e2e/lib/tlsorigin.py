"""TLS helpers for brink's end-to-end tests: certificates made with
`openssl req` in a directory the test chooses (a test CA, a certificate it
signed for localhost/127.0.0.1, one for another name, a self-signed one),
and a keep-alive HTTPS origin on 127.0.0.1 that answers
"tls:<target>"."""
import os
import socket
import ssl
import subprocess
import threading
import time

from brinktest import free_port

EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2"]


def openssl(tmp, *args):
    subprocess.run(["openssl"] + list(args), check=True, cwd=tmp,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_certs(tmp):
    """Writes ca.pem/.key, good.pem/.key (CA-signed, localhost and
    127.0.0.1), wrongname.pem/.key (CA-signed, other.example) and
    self.pem/.key (self-signed) into 'tmp'."""
    openssl(tmp, "req", "-x509", *EC, "-keyout", "ca.key", "-out", "ca.pem",
            "-subj", "/CN=brink test CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign")
    # Signed by the CA (req -x509 -CA needs OpenSSL 3).
    for name, san in (("good", "DNS:localhost,IP:127.0.0.1"),
                      ("wrongname", "DNS:other.example")):
        openssl(tmp, "req", "-x509", *EC, "-keyout", name + ".key", "-out", name + ".pem",
                "-CA", "ca.pem", "-CAkey", "ca.key", "-subj", "/CN=" + name,
                "-addext", "subjectAltName=" + san, "-addext", "basicConstraints=CA:FALSE")
    openssl(tmp, "req", "-x509", *EC, "-keyout", "self.key", "-out", "self.pem",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")


class TlsOrigin:
    """A keep-alive HTTPS origin with certificate <tmp>/<cert>.pem. It
    counts TCP connections and finished handshakes and records the SNI of
    each; GET <path> answers 200 "tls:<path>" with X-Tls-Version and X-Sni;
    a path containing /wait/<ms>/ waits first."""

    def __init__(self, tmp, cert, max_version=None):
        self.port = free_port()
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(os.path.join(tmp, cert + ".pem"), os.path.join(tmp, cert + ".key"))
        if max_version is not None:
            self.ctx.maximum_version = max_version
        self.ctx.sni_callback = self._sni
        self.accepted = 0
        self.handshakes = 0
        self.snis = []
        self.lock = threading.Lock()
        self.ls = socket.socket()
        self.ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.ls.bind(("127.0.0.1", self.port))
        self.ls.listen(64)
        threading.Thread(target=self._accept, daemon=True).start()

    def _sni(self, sock, name, ctx):
        with self.lock:
            self.snis.append(name)

    def _accept(self):
        while True:
            s, _ = self.ls.accept()
            with self.lock:
                self.accepted += 1
            threading.Thread(target=self._run, args=(s,), daemon=True).start()

    def _run(self, raw):
        try:
            s = self.ctx.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError):
            raw.close()
            return
        with self.lock:
            self.handshakes += 1
            sni = self.snis[-1] if self.snis else None
        try:
            buf = b""
            while True:
                while b"\r\n\r\n" not in buf:
                    d = s.recv(65536)
                    if not d:
                        return
                    buf += d
                head, buf = buf.split(b"\r\n\r\n", 1)
                target = head.split(b" ")[1].decode()
                n = 0
                for line in head.split(b"\r\n")[1:]:
                    k, v = line.split(b":", 1)
                    if k.strip().lower() == b"content-length":
                        n = int(v)
                while len(buf) < n:
                    d = s.recv(65536)
                    if not d:
                        return
                    buf += d
                reqbody, buf = buf[:n], buf[n:]
                if "/wait/" in target:
                    time.sleep(int(target.split("/wait/")[1].split("/")[0]) / 1000)
                body = ("tls:" + target).encode()
                if reqbody:
                    body += b" body=" + reqbody
                s.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                          b"X-Tls-Version: " + s.version().encode() + b"\r\n"
                          b"X-Sni: " + str(sni).encode() + b"\r\n"
                          b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        except OSError:
            pass
        finally:
            s.close()
