"""Case rough_starter_untouched (rough_edges, hw2_compgraph): The released starters handed in untouched: status 'unfinished', nothing earned.

Generated for the blind hostile corpus hostile_a; standard library only."""

import io
import json
import os
import pathlib
import socket
import stat
import struct
import tarfile
import unicodedata
import zlib


def make(dest, kit_root):
    dest.mkdir()
    starters = pathlib.Path(kit_root) / "assignments" / "hw2_compgraph"
    for name in ("compgraph.py", "calculus.py"):
        (dest / name).write_bytes((starters / name).read_bytes())
