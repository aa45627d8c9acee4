"""Case ws_huge_digits (unbounded, ws1_network_231): A worksheet answers.yaml whose numbers have 100,000 digits, 1e999999 and a hex float: reading numbers is bounded (Python's int-string limit must not escape as a crash); nothing earned.

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
    big = "1" * 100_000
    (dest / "answers.yaml").write_text(
        f"z: [{big}, 0.5, 0.5]\nf: [0.{big}, 0.5, 0.5]\ny_hat: 1e999999\nL: 0x1p-1074\n"
        f"dL_dy_hat: -{big}e-99999\n")
