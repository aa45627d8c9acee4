import numpy as np


def square(x):
    raise KeyboardInterrupt
    return np.asarray(x, dtype=float) ** 2
