"""Case link_ws_answers_passwd (links, ws1_network_231): A worksheet whose answers.md is a symlink to /etc/passwd: the sheet is not read through the link, nothing is earned and no line of /etc/passwd appears in the feedback or summary.

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
    (dest / "answers.md").symlink_to("/etc/passwd")
