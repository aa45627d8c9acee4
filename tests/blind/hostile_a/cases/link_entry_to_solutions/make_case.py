"""Case link_entry_to_solutions (links, hw2_compgraph): The entry in the submissions folder is itself a symlink to solutions/hw2_compgraph: it must not be graded as the reference; it gets a row earning nothing, or is listed as skipped.

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
    dest.symlink_to(pathlib.Path(kit_root).resolve() / "solutions" / "hw2_compgraph", target_is_directory=True)
