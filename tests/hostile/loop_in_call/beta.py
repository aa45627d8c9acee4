import numpy as np


def square(x):
    while True:
        pass
    return np.asarray(x, dtype=float) ** 2
