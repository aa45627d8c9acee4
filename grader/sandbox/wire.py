"""The wire format between the grader and a worker: plain data, never pickle.

A message is one frame: an 8-byte header (two big-endian uint32: the JSON
length and the number of binary buffers), the JSON text, then for each buffer
an 8-byte length and its bytes. The JSON holds the value tree; NumPy arrays are
replaced by ``{"__nd__": i, "dtype": "<f8", "shape": [..]}`` pointing at
buffer ``i``. Other markers: ``{"__tuple__": [...]}``, ``{"__handle__": n,
"type": "Name"}`` for an object that stays in the worker, ``{"__fn__":
"numpy.sin"}`` for a NumPy function the worker looks up by name, and
``{"__dict__": [[k, v], ...]}`` for a dict whose keys are not all strings
(never produced; rejected on decode) — dict keys must be strings.

Decoding is strict: unknown markers, disallowed dtypes, shapes that disagree
with the buffer, and frames over ``max_bytes`` raise ``WireError``.
"""
from __future__ import annotations

import json
import math
import struct
import time

import numpy as np

from ..text import clean, json_items

MAX_BYTES = 256 * 2**20  # no frame larger than this is read or written
# A frame's JSON part is parsed only within these bounds: arrays travel as buffers, so the tree
# itself is small, and json.loads of a large tree costs many times its bytes in memory.
MAX_TEXT_BYTES = 16 * 2**20
MAX_ITEMS = 1_000_000  # containers and elements, counted from the text before it is parsed

# dtypes that may cross; everything else (object, void, datetime) may not.
_ALLOWED_KINDS = set("biufc")  # bool, int, uint, float, complex
_HEADER = struct.Struct(">II")
_LEN = struct.Struct(">Q")


class WireError(Exception):
    """A value that cannot be sent, or a frame that is malformed or too large."""


class Handle:
    """An object that stayed in a worker; passing it back hands the worker its object.

    ``worker`` identifies the worker that holds it, so that a handle from a
    worker that has since been restarted is refused with a clear message.
    """

    __slots__ = ("id", "type_name", "worker")

    def __init__(self, id: int, type_name: str, worker: object = None):
        self.id, self.type_name, self.worker = id, type_name, worker

    def __repr__(self) -> str:
        return f"<{self.type_name} object kept in the student's process>"


class NumpyFunction:
    """A NumPy function named by its dotted path below ``numpy`` (``"sin"``, ``"linalg.norm"``).

    It crosses by name, so a test can hand one to a student's function that
    takes a callable (a numerical-gradient routine, say) without sending code.
    """

    __slots__ = ("path",)

    def __init__(self, path: str):
        if not all(part.isidentifier() and not part.startswith("_") for part in path.split(".")):
            raise ValueError(f"not a public NumPy name: {path!r}")
        self.path = path

    def __repr__(self) -> str:
        return f"numpy.{self.path}"

    def resolve(self):
        obj = np
        for part in self.path.split("."):
            obj = getattr(obj, part)
        if not callable(obj):
            raise WireError(f"numpy.{self.path} is not callable")
        return obj


def encode(value, *, keep=None, max_bytes: int = MAX_BYTES) -> bytes:
    """Encode ``value`` into one frame.

    ``keep(obj) -> Handle`` is called for any object that cannot cross; when
    it is None such an object raises ``WireError``.
    """
    buffers: list[bytes] = []
    size = [0]

    def walk(v, depth=0):
        if depth > 100:
            raise WireError("value nested more than 100 levels deep")
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, int):
            return v if -(2**63) <= v < 2**63 else float(v)
        if isinstance(v, float):
            return float(v)
        if isinstance(v, np.generic) and v.dtype.kind in _ALLOWED_KINDS:
            return walk(v.item(), depth)
        if isinstance(v, np.ndarray):
            if v.dtype.kind in _ALLOWED_KINDS:
                arr = np.asarray(v)  # a plain ndarray: any subclass is dropped here
                if not arr.flags.c_contiguous:
                    arr = arr.copy(order="C")
                if arr.dtype.byteorder == ">":
                    arr = arr.astype(arr.dtype.newbyteorder("<"))
                size[0] += arr.nbytes
                if size[0] > max_bytes:
                    raise WireError(
                        f"an array of {arr.size:,} elements ({arr.nbytes / 2**20:.0f} MB) is more "
                        f"than the {max_bytes / 2**20:.0f} MB that may cross between processes")
                buffers.append(arr.tobytes())
                return {"__nd__": len(buffers) - 1, "dtype": arr.dtype.str, "shape": list(arr.shape)}
            if v.dtype.kind == "U" and v.size <= 10_000:
                return v.tolist()
        if isinstance(v, complex):
            return walk(np.complex128(v), depth)
        if type(v) in (list, tuple):
            items = [walk(x, depth + 1) for x in v]
            return {"__tuple__": items} if type(v) is tuple else items
        if type(v) is dict and all(type(k) is str and not _is_marker(k) for k in v):
            return {k: walk(x, depth + 1) for k, x in v.items()}
        if isinstance(v, Handle):
            return {"__handle__": v.id, "type": v.type_name}
        if isinstance(v, NumpyFunction):
            return {"__fn__": v.path}
        if keep is None:
            raise WireError(f"a {type(v).__name__} object cannot be sent as plain data")
        h = keep(v)
        return {"__handle__": h.id, "type": h.type_name}

    tree = walk(value)
    text = json.dumps(tree, allow_nan=True, separators=(",", ":")).encode()
    parts = [_HEADER.pack(len(text), len(buffers)), text]
    for b in buffers:
        parts += [_LEN.pack(len(b)), b]
    frame = b"".join(parts)
    if len(frame) > max_bytes:
        raise WireError(f"a message of {len(frame) / 2**20:.0f} MB is more than the "
                        f"{max_bytes / 2**20:.0f} MB that may cross between processes")
    return frame


def decode(frame: bytes, *, handle=None, max_elements: int = 10**8):
    """Decode one frame. ``handle(id, type_name)`` builds the object a handle marker stands for."""
    try:
        view = memoryview(frame)
        n_text, n_buf = _HEADER.unpack_from(frame, 0)
        if n_text > MAX_TEXT_BYTES:
            raise WireError(f"a message whose structure takes {n_text / 2**20:.0f} MB, more than the "
                            f"{MAX_TEXT_BYTES // 2**20} MB allowed (arrays cross as NumPy arrays)")
        pos = _HEADER.size
        text = bytes(view[pos:pos + n_text])
        pos += n_text
        buffers = []
        for _ in range(n_buf):
            (n,) = _LEN.unpack_from(frame, pos)
            pos += _LEN.size
            if pos + n > len(frame):
                raise WireError("malformed message: a buffer runs past its end")
            buffers.append(view[pos:pos + n])
            pos += n
        items = json_items(text)
        if items > MAX_ITEMS:
            raise WireError(f"a value of more than {MAX_ITEMS:,} items (lists, tuples and dicts count "
                            "their elements); return NumPy arrays instead")
        tree = json.loads(text)
    except (struct.error, ValueError, UnicodeDecodeError) as e:
        raise WireError(f"malformed message: {e}") from None
    except RecursionError:
        raise WireError("a value nested more deeply than may cross between processes") from None
    if pos != len(frame):
        raise WireError("malformed message: trailing bytes")

    def walk(v):
        if isinstance(v, str):
            return clean(v, None)  # a lone surrogate (\ud800 in the JSON) would fail every file written
        if isinstance(v, list):
            return [walk(x) for x in v]
        if not isinstance(v, dict):
            return v
        if "__nd__" in v:
            dt = np.dtype(v["dtype"])
            if dt.kind not in _ALLOWED_KINDS:
                raise WireError(f"dtype {dt} may not cross")
            shape = tuple(int(s) for s in v["shape"])
            buf = buffers[v["__nd__"]]
            count = math.prod(shape)
            if count > max_elements or count * dt.itemsize != len(buf):
                raise WireError("array buffer does not match its shape")
            return np.frombuffer(buf, dtype=dt).reshape(shape).copy()  # owns its memory, writable
        if "__tuple__" in v:
            return tuple(walk(x) for x in v["__tuple__"])
        if "__handle__" in v:
            if handle is None:
                raise WireError("unexpected handle")
            return handle(int(v["__handle__"]), str(v.get("type", "object")))
        if "__fn__" in v:
            return NumpyFunction(str(v["__fn__"]))
        if any(_is_marker(k) for k in v):
            raise WireError("unknown marker in message")
        return {clean(k, None): walk(x) for k, x in v.items()}

    try:
        return walk(tree)
    except RecursionError:
        raise WireError("a value nested more deeply than may cross between processes") from None


def _is_marker(key: str) -> bool:
    return key.startswith("__") and key.endswith("__")


def send(sock, frame: bytes) -> None:
    sock.sendall(_LEN.pack(len(frame)) + frame)


def recv(sock, *, max_bytes: int = MAX_BYTES, deadline: float | None = None) -> bytes:
    """Read one frame.

    Raises EOFError when the peer closed, WireError when the frame is too
    large, TimeoutError when ``deadline`` (a ``time.monotonic()`` value) passes.
    """
    (n,) = _LEN.unpack(_recv_exactly(sock, _LEN.size, deadline))
    if n > max_bytes:
        raise WireError(f"a message of {n / 2**20:.0f} MB is more than the "
                        f"{max_bytes / 2**20:.0f} MB that may cross between processes")
    return _recv_exactly(sock, n, deadline)


def _recv_exactly(sock, n: int, deadline: float | None) -> bytes:
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("deadline passed")
            sock.settimeout(left)
        k = sock.recv_into(view[got:], n - got)
        if k == 0:
            raise EOFError("connection closed")
        got += k
    return buf  # a bytearray: no second copy of a large frame
