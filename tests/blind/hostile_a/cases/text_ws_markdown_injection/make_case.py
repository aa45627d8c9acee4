"""Case text_ws_markdown_injection (text, ws1_network_231): A worksheet answers.md whose answer cells hold formulas, HTML, ANSI escapes, javascript: links and extra cells: none reads as a number, so nothing is earned; the feedback shows them escaped.

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


SHEET = """Student: text_ws_markdown_injection

| step | what it is | your answer |
|---|---|---|
| z | the hidden units' inputs | =HYPERLINK("https:evil.example","x") |
| f | the hidden units' outputs | <script>alert(1)</script> |
| y_hat | the output | \x1b[2J\x1b[31m1\x1b[0m |
| L | the loss | [click](javascript:alert(1)) |
| dL_dy_hat | dL/dy_hat | @SUM(1+1) | forged extra cell |
| dL_dv | dL/dv | +1+1 |
| dL_df | dL/df | -2+3; \u202eevil |
| dL_dz | dL/dz | <img src=x onerror=alert(1)> |
| dL_dW | dL/dW | ![x](https://evil.example/x.png) |
"""


def make(dest, kit_root):
    dest.mkdir()
    (dest / "answers.md").write_text(SHEET, encoding="utf-8")
