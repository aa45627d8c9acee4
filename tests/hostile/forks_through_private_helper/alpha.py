"""Toy module alpha: doubling, and a layer whose backward needs its forward's cache."""
import numpy as np


def double(x):
    """2x, elementwise. x: array of any shape."""
    # BEGIN SOLUTION hint: twice x
    return 2 * np.asarray(x, dtype=float)
    # END SOLUTION


class _Cache:
    def __init__(self, factor):
        self.factor = factor


def scale_forward(x, factor):
    """(factor * x, cache); the cache is an object, so it stays in the worker."""
    # BEGIN SOLUTION hint: multiply, and keep the factor for the backward pass
    return factor * np.asarray(x, dtype=float), _Cache(factor)
    # END SOLUTION


def scale_backward(dout, cache):
    """dx = factor * dout."""
    # BEGIN SOLUTION hint: the factor times the upstream gradient
    return cache.factor * np.asarray(dout, dtype=float)
    # END SOLUTION
