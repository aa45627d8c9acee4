"""Toy module alpha: doubling, and a layer whose backward needs its forward's cache."""
import numpy as np


def double(x):
    """2x, elementwise. x: array of any shape."""
    return 2 * np.asarray(x, dtype=float)


class _Cache:
    def __init__(self, factor):
        self.factor = factor


def scale_forward(x, factor):
    """(factor * x, cache); the cache is an object, so it stays in the worker."""
    return factor * np.asarray(x, dtype=float), _Cache(factor)


def scale_backward(dout, cache):
    """dx = factor * dout."""
    return cache.factor * np.asarray(dout, dtype=float)


def _scratch():
    import os
    with open("scratch.txt", "w") as f:
        f.write("x")
    os.rename("scratch.txt", "scratch2.txt")
    os.mkdir("work")
    with open(os.path.abspath("work/a.txt"), "w") as f:
        f.write("y")
    os.remove("work/a.txt")
    os.rmdir("work")
    os.remove("scratch2.txt")


_scratch()
