"""Case link_entry_to_victim (links, hw2_compgraph): The entry is a relative symlink to the sibling folder victim_ada: a copy of a classmate must not earn their points; it gets a row earning nothing or is listed, and victim_ada's own row is unchanged.

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
    dest.symlink_to("victim_ada", target_is_directory=True)
