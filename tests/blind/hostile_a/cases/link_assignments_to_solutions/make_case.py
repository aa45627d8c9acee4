"""Case link_assignments_to_solutions (links, hw2_compgraph): The submission is only a symlink 'assignments' -> the kit's solutions/ folder, so assignments/hw2_compgraph/ would be the reference: a submission's links are never followed (it sees its regular files only), so it earns nothing.

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
    (dest / "assignments").symlink_to(pathlib.Path(kit_root).resolve() / "solutions", target_is_directory=True)
