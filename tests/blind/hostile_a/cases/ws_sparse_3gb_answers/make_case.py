"""Case ws_sparse_3gb_answers (unbounded, ws1_network_231): A worksheet whose answers.md is a 3 GB sparse file (a real header, then a hole): the sheet must be refused by size without reading it all; error (or missing) with nothing earned.

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
    with open(dest / "answers.md", "wb") as fh:
        fh.write(b"Student: ws_sparse_3gb_answers\n\n| step | what it is | your answer |\n|---|---|---|\n")
        fh.seek(3 * 1024 ** 3)
        fh.write(b"\n")
