import numpy as np


def square(x):
    return np.asarray(x, dtype=float) ** 2
