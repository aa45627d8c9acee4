import os
import sys

import numpy as np


def square(x):
    # A folder that may be read, then a relative path from it that climbs out: the "open" audit
    # event carries the path but not the dir_fd.
    base = os.open(sys.prefix, os.O_RDONLY | os.O_DIRECTORY)
    target = os.path.relpath('{ROOT}/tests/fixtures/course/solutions/toy/beta.py', sys.prefix)
    fd = os.open(target, os.O_RDONLY, dir_fd=base)
    os.read(fd, 1000)
    return np.asarray(x, dtype=float) ** 2
