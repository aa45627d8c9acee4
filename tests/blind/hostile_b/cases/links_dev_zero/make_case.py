"""links_dev_zero: calculus.py is a link to /dev/zero and data.bin to /dev/urandom beside a correct compgraph.py: never read (it would never end), so at most compgraph's 14 points.

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

COMPGRAPH = '"""The 2-3-1 network of hw2_compgraph: forward, loss and backward by the chain rule."""\n\nimport numpy as np\n\n\ndef sigmoid(z):\n    """Logistic function 1 / (1 + exp(-z)), elementwise, without overflow."""\n    z = np.asarray(z, dtype=float)\n    e = np.exp(-np.abs(z))\n    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))\n\n\ndef forward(x, W, v):\n    """Forward pass for one example; returns (y_hat, cache)."""\n    x = np.asarray(x, dtype=float).reshape(2)\n    W = np.asarray(W, dtype=float).reshape(3, 3)\n    v = np.asarray(v, dtype=float).reshape(4)\n    xa = np.concatenate(([1.0], x))\n    f = sigmoid(W @ xa)\n    fa = np.concatenate(([1.0], f))\n    y_hat = float(v @ fa)\n    return y_hat, (xa, f, fa, v.copy(), y_hat)\n\n\ndef loss(y_hat, y):\n    """Squared error (y_hat - y)^2."""\n    d = np.asarray(y_hat, dtype=float).reshape(-1)[0] - np.asarray(y, dtype=float).reshape(-1)[0]\n    return float(d * d)\n\n\ndef backward(y, cache):\n    """(dW, dv) of L = (y_hat - y)^2 for the example whose forward returned cache."""\n    xa, f, fa, v, y_hat = cache\n    d = 2.0 * (y_hat - np.asarray(y, dtype=float).reshape(-1)[0])\n    dv = d * fa\n    dz = d * v[1:] * f * (1.0 - f)\n    dW = np.outer(dz, xa)\n    return dW, dv\n\n\ndef batch_gradients(X, Y, W, v):\n    """Gradients of sum_i (y_hat_i - y_i)^2 over the rows of X."""\n    X = np.asarray(X, dtype=float).reshape(-1, 2)\n    Y = np.asarray(Y, dtype=float).reshape(-1)\n    dW = np.zeros((3, 3))\n    dv = np.zeros(4)\n    for x, y in zip(X, Y):\n        y_hat, cache = forward(x, W, v)\n        gW, gv = backward(y, cache)\n        dW += gW\n        dv += gv\n    return dW, dv\n\n\ndef sigmoid_output_grad_v(X, Y, W, v):\n    """dE/dv for the sigmoid-output net, E = 1/2 sum_i (y_hat_i - y_i)^2."""\n    X = np.asarray(X, dtype=float).reshape(-1, 2)\n    Y = np.asarray(Y, dtype=float).reshape(-1)\n    W = np.asarray(W, dtype=float).reshape(3, 3)\n    v = np.asarray(v, dtype=float).reshape(4)\n    dv = np.zeros(4)\n    for x, y in zip(X, Y):\n        xa = np.concatenate(([1.0], x))\n        fa = np.concatenate(([1.0], sigmoid(W @ xa)))\n        y_hat = float(sigmoid(v @ fa))\n        dv += (y_hat - y) * y_hat * (1.0 - y_hat) * fa\n    return dv\n'


def make(dest, kit_root):
    dest = pathlib.Path(dest)
    kit_root = pathlib.Path(kit_root)
    _write(dest / 'compgraph.py', COMPGRAPH)
    os.symlink('/dev/zero', dest / 'calculus.py')
    os.symlink('/dev/urandom', dest / 'data.bin')
