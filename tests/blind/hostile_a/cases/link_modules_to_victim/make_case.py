"""Case link_modules_to_victim (links, hw2_compgraph): compgraph.py and calculus.py are relative symlinks into the classmate folder ../victim_ada (and 'victim_tree' links to the whole folder): links are not followed, so this earns nothing and victim_ada's row is untouched.

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
    (dest / "compgraph.py").symlink_to("../victim_ada/compgraph.py")
    (dest / "calculus.py").symlink_to("../victim_ada/calculus.py")
    (dest / "victim_tree").symlink_to("../victim_ada", target_is_directory=True)
