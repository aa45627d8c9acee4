"""Case rough_not_a_zip (rough_edges, hw2_compgraph): A text file named rough_not_a_zip.zip: the row says error with a reason naming the file, nothing earned.

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
    dest.with_suffix(".zip").write_text("this is not a zip\nPK\x03\x04 but only by name\n")
