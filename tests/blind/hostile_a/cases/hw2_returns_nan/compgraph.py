import numpy as np


def forward(x, W, v):
    return float("nan"), {"nan": True}


def loss(y_hat, y):
    return float("nan")


def backward(y, cache):
    return np.full((3, 3), np.nan), np.full(4, np.nan)


def batch_gradients(X, Y, W, v):
    return np.full((3, 3), np.nan), np.full(4, np.nan)


def sigmoid_output_grad_v(X, Y, W, v):
    return np.full(4, np.nan)
