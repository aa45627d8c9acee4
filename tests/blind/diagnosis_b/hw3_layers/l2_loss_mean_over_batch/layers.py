import numpy as np

"""
hw3 -- layers.py
CS231n-style modular layers: every *_forward returns (out, cache),
every *_backward takes (dout, cache).
"""


def affine_forward(x, W, b):
    """
    Inputs:
    - x: (N, D)
    - W: (M, D)
    - b: (M,)
    Returns a tuple of:
    - out: (N, M)
    - cache: (x, W, b)
    """
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = x.dot(W.T) + b
    cache = (x, W, b)
    return out, cache


def affine_backward(dout, cache):
    """
    Inputs:
    - dout: upstream derivative, (N, M)
    - cache: (x, W, b)
    Returns a tuple of:
    - dx: (N, D), dW: (M, D), db: (M,)
    """
    x, W, b = cache
    dx = dout.dot(W)
    dW = dout.T.dot(x)
    db = np.sum(dout, axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    """
    Input: x of any shape. Returns (out, cache) with cache = out.
    """
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    cache = out
    return out, cache


def sigmoid_backward(dout, cache):
    """
    Inputs: dout, cache = the forward output s. Returns dx = dout * s * (1 - s).
    """
    s = cache
    dx = dout * s * (1 - s)
    return dx


def l2_loss(y_hat, y):
    """
    Inputs:
    - y_hat: predictions, (N, K)
    - y: targets, (N, K)
    Returns a tuple of:
    - loss: scalar
    - dy_hat: gradient of the loss w.r.t. y_hat, (N, K)
    """
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    N = y_hat.shape[0]
    diff = y_hat - y
    loss = np.sum(diff ** 2) / N
    dy_hat = 2 * diff / N
    return float(loss), dy_hat


def two_layer_forward(X, params):
    """
    affine - sigmoid - affine - sigmoid.
    Returns (y_hat, cache).
    """
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    a1, fc1_cache = affine_forward(X, W1, b1)
    h, sig1_cache = sigmoid_forward(a1)
    a2, fc2_cache = affine_forward(h, W2, b2)
    y_hat, sig2_cache = sigmoid_forward(a2)
    cache = (fc1_cache, sig1_cache, fc2_cache, sig2_cache)
    return y_hat, cache


def two_layer_loss_and_grads(X, Y, params):
    """
    Returns (loss, grads), grads a dict with the keys of params.
    """
    y_hat, cache = two_layer_forward(X, params)
    fc1_cache, sig1_cache, fc2_cache, sig2_cache = cache
    loss, dscores = l2_loss(y_hat, Y)

    grads = {}
    da2 = sigmoid_backward(dscores, sig2_cache)
    dh, grads["W2"], grads["b2"] = affine_backward(da2, fc2_cache)
    da1 = sigmoid_backward(dh, sig1_cache)
    _, grads["W1"], grads["b1"] = affine_backward(da1, fc1_cache)
    return loss, grads
