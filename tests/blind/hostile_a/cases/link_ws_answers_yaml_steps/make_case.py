"""Case link_ws_answers_yaml_steps (links, ws1_network_231): A worksheet whose answers.yaml is a symlink to the kit's solutions/ws1_network_231/steps.py: never read through the link, nothing earned, no line of the staff's steps.py quoted in any feedback.

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
    target = pathlib.Path(kit_root).resolve() / "solutions" / "ws1_network_231" / "steps.py"
    (dest / "answers.yaml").symlink_to(target)
