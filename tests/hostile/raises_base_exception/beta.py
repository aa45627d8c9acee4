import numpy as np


def square(x):
    raise BaseException('not an Exception')
    return np.asarray(x, dtype=float) ** 2
