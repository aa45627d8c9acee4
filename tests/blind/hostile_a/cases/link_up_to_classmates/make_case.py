"""Case link_up_to_classmates (links, hw2_compgraph): No module at all, only 'up' -> '..' (the submissions folder) and 'sub/up2' -> '../..': a search that followed links would find victim_ada's modules one level down; links are skipped, so nothing is earned.

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
    (dest / "up").symlink_to("..", target_is_directory=True)
    (dest / "sub").mkdir()
    (dest / "sub" / "up2").symlink_to("../..", target_is_directory=True)
