"""Toy module beta."""
import numpy as np

_POWER = 2


def square(x):
    """x², elementwise."""
    return np.asarray(x, dtype=float) ** _POWER
