"""Case nb_deep_json (unbounded, hw2_compgraph): An hw2_compgraph.ipynb whose 'cells' is 50,000 nested lists: json raises RecursionError; the row says error (or missing) naming the file, no crash.

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
    text = '{"cells": ' + "[" * 50_000 + "]" * 50_000 + ', "metadata": {}, "nbformat": 4, "nbformat_minor": 4}'
    (dest / "hw2_compgraph.ipynb").write_text(text)
