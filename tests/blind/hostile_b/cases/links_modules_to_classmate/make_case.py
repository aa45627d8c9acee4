"""links_modules_to_classmate: compgraph.py, calculus.py and the notebook are relative links into ../victim_ada: never followed, so nothing is graded and victim_ada's work earns this row nothing.

make(dest, kit_root) builds the submission; standard library only."""
# ---- helpers shared by the make_case.py files (pasted in by the builder) ----
import json
import os
import pathlib
import struct
import zlib


def _write(path, data):
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def _deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _member(name, data, method=8, flags=0, usize=None, crc=None, payload=None,
            dosdate=0x5A21, dostime=0x6000, mode=0o100644):
    """One zip member; every header field may lie (usize, crc, flags, method, dates)."""
    if isinstance(name, str):
        name = name.encode("utf-8")
    if payload is None:
        payload = _deflate(data) if method == 8 else data
    try:
        name.decode("ascii")
    except UnicodeDecodeError:
        flags |= 0x800
    return {"name": name, "payload": payload, "method": method, "flags": flags,
            "crc": zlib.crc32(data) if crc is None else crc,
            "usize": len(data) if usize is None else usize,
            "dosdate": dosdate, "dostime": dostime, "attr": mode << 16}


def _zip(path, members):
    """A zip written by hand, so that its headers say exactly what we want."""
    out = bytearray()
    central = bytearray()
    for m in members:
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, m["flags"], m["method"], m["dostime"],
                           m["dosdate"], m["crc"], len(m["payload"]), m["usize"], len(m["name"]), 0)
        out += m["name"] + m["payload"]
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, m["flags"],
                               m["method"], m["dostime"], m["dosdate"], m["crc"], len(m["payload"]),
                               m["usize"], len(m["name"]), 0, 0, 0, 0, m["attr"], offset)
        central += m["name"]
    start = len(out)
    out += central
    n = len(members)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), start, 0)
    _write(path, bytes(out))


def _notebook(cells):
    return json.dumps({"cells": cells,
                       "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                   "name": "python3"}},
                       "nbformat": 4, "nbformat_minor": 5}, indent=1)


def _code(source, module=None, n=0):
    return {"cell_type": "code", "execution_count": None, "id": "cell-%d" % n,
            "metadata": {"nngrader": {"module": module}} if module else {},
            "outputs": [], "source": source}


def make(dest, kit_root):
    dest = pathlib.Path(dest)
    kit_root = pathlib.Path(kit_root)
    dest.mkdir(parents=True, exist_ok=True)
    os.symlink('../victim_ada/compgraph.py', dest / 'compgraph.py')
    os.symlink('../victim_ada/calculus.py', dest / 'calculus.py')
    os.symlink('../victim_ada/hw2_compgraph.ipynb', dest / 'hw2_compgraph.ipynb')
