"""Case rough_empty_folder (rough_edges, hw2_compgraph): An empty folder: the row says missing, nothing earned.

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
