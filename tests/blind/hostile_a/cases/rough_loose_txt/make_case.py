"""Case rough_loose_txt (rough_edges, hw2_compgraph): A loose notes.txt at the top of the submissions folder: a row saying why or a listed reason; it does not stop the run.

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
    (dest.parent / "notes.txt").write_text("TA notes: regrade carol\n")
