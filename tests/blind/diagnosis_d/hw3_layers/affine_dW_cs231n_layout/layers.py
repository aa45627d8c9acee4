import numpy as np


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
    - dx: (N, D)
    - dW: gradient with respect to W
    - db: (M,)
    """
    x, W, b = cache
    dout = np.asarray(dout, dtype=float)
    dx = dout.dot(W)
    dW = x.T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.zeros_like(x)
    mask = x >= 0
    out[mask] = 1.0 / (1.0 + np.exp(-x[mask]))
    exp_x = np.exp(x[~mask])
    out[~mask] = exp_x / (1.0 + exp_x)
    cache = out
    return out, cache


def sigmoid_backward(dout, cache):
    out = cache
    dx = dout * out * (1.0 - out)
    return dx


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    loss = np.sum((y_hat - y) ** 2)
    dy_hat = 2.0 * (y_hat - y)
    return float(loss), dy_hat


def two_layer_forward(X, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    z1, fc1_cache = affine_forward(X, W1, b1)
    h, sig1_cache = sigmoid_forward(z1)
    z2, fc2_cache = affine_forward(h, W2, b2)
    y_hat, sig2_cache = sigmoid_forward(z2)
    cache = (fc1_cache, sig1_cache, fc2_cache, sig2_cache)
    return y_hat, cache


def two_layer_loss_and_grads(X, Y, params):
    y_hat, cache = two_layer_forward(X, params)
    fc1_cache, sig1_cache, fc2_cache, sig2_cache = cache
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, sig2_cache)
    dh, dW2, db2 = affine_backward(dz2, fc2_cache)
    dz1 = sigmoid_backward(dh, sig1_cache)
    dX, dW1, db1 = affine_backward(dz1, fc1_cache)
    grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return loss, grads
