"""Writes small MaxMind DB (.mmdb) files for tests: IPv4-only, 24-bit
records, format 2.0 as the MaxMind DB spec describes. Enough for
libmaxminddb to read fixtures we build ourselves (GeoIP2 City-style maps
or the flat DB-IP lite layout)."""
import struct


def _ctrl(type_, size):
    out = b""
    if size < 29:
        first = size
        ext = b""
    elif size < 29 + 256:
        first, ext = 29, bytes([size - 29])
    elif size < 285 + 65536:
        first, ext = 30, struct.pack(">H", size - 285)
    else:
        first, ext = 31, struct.pack(">I", size - 65821)[1:]
    if type_ <= 7:
        out = bytes([(type_ << 5) | first])
    else:
        out = bytes([first, type_ - 7])
    return out + ext


class U32(int):
    """An int written as uint32 whatever its size (metadata needs it)."""


class U64(int):
    """An int written as uint64."""


def encode(v):
    if isinstance(v, U32):
        b = int(v).to_bytes((int(v).bit_length() + 7) // 8, "big") if v else b""
        return _ctrl(6, len(b)) + b
    if isinstance(v, U64):
        b = int(v).to_bytes((int(v).bit_length() + 7) // 8, "big") if v else b""
        return _ctrl(9, len(b)) + b
    if isinstance(v, bool):
        return _ctrl(14, 1 if v else 0)
    if isinstance(v, str):
        b = v.encode("utf-8")
        return _ctrl(2, len(b)) + b
    if isinstance(v, float):
        return _ctrl(3, 8) + struct.pack(">d", v)
    if isinstance(v, int):
        if v < 0:
            raise ValueError("negative ints not supported")
        b = v.to_bytes((v.bit_length() + 7) // 8, "big") if v else b""
        if v < 1 << 16:
            return _ctrl(5, len(b)) + b
        if v < 1 << 32:
            return _ctrl(6, len(b)) + b
        return _ctrl(9, len(b)) + b
    if isinstance(v, dict):
        out = _ctrl(7, len(v))
        for k, x in v.items():
            out += encode(str(k)) + encode(x)
        return out
    if isinstance(v, list):
        out = _ctrl(11, len(v))
        for x in v:
            out += encode(x)
        return out
    raise TypeError(type(v))


def write(path, networks, db_type="GeoIP2-City"):
    """networks: [(\"a.b.c.d/len\", dict), ...]"""
    nodes = [[None, None]]  # record: None = empty, int = node, ("d", i) = data
    datas = []
    for cidr, data in networks:
        ip, plen = cidr.split("/")
        plen = int(plen)
        n = struct.unpack(">I", bytes(int(p) for p in ip.split(".")))[0]
        datas.append(encode(data))
        node = 0
        for depth in range(plen):
            bit = (n >> (31 - depth)) & 1
            if depth == plen - 1:
                nodes[node][bit] = ("d", len(datas) - 1)
            else:
                nxt = nodes[node][bit]
                if not isinstance(nxt, int):
                    nodes.append([None, None])
                    nxt = len(nodes) - 1
                    nodes[node][bit] = nxt
                node = nxt
    count = len(nodes)
    offsets, blob = [], b""
    for d in datas:
        offsets.append(len(blob))
        blob += d
    tree = b""
    for left, right in nodes:
        for rec in (left, right):
            if rec is None:
                val = count
            elif isinstance(rec, int):
                val = rec
            else:
                val = count + 16 + offsets[rec[1]]
            tree += val.to_bytes(3, "big")
    meta = {
        "binary_format_major_version": 2, "binary_format_minor_version": 0,
        "build_epoch": U64(1700000000), "database_type": db_type,
        "description": {"en": "brink test fixture"}, "ip_version": 4,
        "languages": ["en"], "node_count": U32(count), "record_size": 24,
    }
    with open(path, "wb") as f:
        f.write(tree + b"\x00" * 16 + blob + b"\xab\xcd\xefMaxMind.com" + encode(meta))
