import numpy as np


def square(x):
    raise SystemExit('bye')
    return np.asarray(x, dtype=float) ** 2
