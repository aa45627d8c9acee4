"""Modular layers and a small two-layer network (hw3_layers).

Every forward returns ``(out, cache)``; every backward takes the upstream
gradient ``dout`` (same shape as ``out``) and that cache, and returns the
gradient with respect to each input of the forward (same shape as that input).

Shapes: a batch ``x`` has shape (N, D); a weight matrix ``W`` has shape
(M, D) = (fan_out, fan_in), row j holding the weights into unit j; a bias
``b`` has shape (M,). A single example is a batch of one, shape (1, D).
"""

import numpy as np


def affine_forward(x, W, b):
    """Affine layer: out = x @ W.T + b.

    x: (N, D), W: (M, D), b: (M,). Returns (out, cache) with out of shape (N, M).
    """
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    # BEGIN SOLUTION hint: see the handout, The layers; keep in the cache what affine_backward needs
    cache = (x, W)
    return x @ W.T + b, cache
    # END SOLUTION


def affine_backward(dout, cache):
    """Backward pass of affine_forward.

    dout: (N, M), the upstream gradient dL/dout. Returns (dx, dW, db) with the
    shapes of x (N, D), W (M, D) and b (M,).
    """
    # BEGIN SOLUTION hint: see the handout, The layers: each gradient has the shape of what it differentiates
    dout = np.asarray(dout, dtype=float)
    x, W = cache
    dx = dout @ W
    dW = dout.T @ x
    db = dout.sum(axis=0)
    return dx, dW, db
    # END SOLUTION


def sigmoid_forward(x):
    """Elementwise logistic function 1 / (1 + exp(-x)), no overflow for |x| up to 1e4.

    x: any shape. Returns (out, cache) with out of the shape of x.
    """
    x = np.asarray(x, dtype=np.float64)
    # BEGIN SOLUTION hint: see the handout, The layers: mind large |x|; cache what the backward needs
    e = np.exp(-np.abs(x))  # only exp of non-positive numbers: no overflow
    out = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return out, out
    # END SOLUTION


def sigmoid_backward(dout, cache):
    """Backward pass of sigmoid_forward: dx = dout * s * (1 - s), s the forward's output.

    dout: the shape of the forward's output. Returns dx of that shape.
    """
    # BEGIN SOLUTION hint: see the handout, The layers
    s = cache
    return np.asarray(dout, dtype=float) * s * (1.0 - s)
    # END SOLUTION


def l2_loss(y_hat, y):
    """Squared-error loss summed over all elements: loss = sum((y_hat - y) ** 2).

    y_hat, y: the same shape, (N, K). Returns (loss, dy_hat): loss a float,
    dy_hat = dloss/dy_hat of the shape of y_hat.
    """
    # BEGIN SOLUTION hint: see the handout, Conventions and The layers
    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)
    loss = float(np.sum(diff * diff))
    dy_hat = 2.0 * diff
    return loss, dy_hat
    # END SOLUTION


def two_layer_forward(X, params):
    """Two-layer network: y_hat = sigmoid(sigmoid(X @ W1.T + b1) @ W2.T + b2).

    X: (N, D). params: dict with W1 (H, D), b1 (H,), W2 (K, H), b2 (K,).
    Returns (y_hat, cache) with y_hat of shape (N, K).
    """
    # BEGIN SOLUTION hint: see the handout, The two-layer network
    z1, c1 = affine_forward(X, params["W1"], params["b1"])
    h, c2 = sigmoid_forward(z1)
    z2, c3 = affine_forward(h, params["W2"], params["b2"])
    y_hat, c4 = sigmoid_forward(z2)
    return y_hat, (c1, c2, c3, c4)
    # END SOLUTION


def two_layer_loss_and_grads(X, Y, params):
    """Loss and parameter gradients of the two-layer network for the batch X, Y.

    X: (N, D), Y: (N, K). The loss is l2_loss(y_hat, Y), a sum over the batch.
    Returns (loss, grads): grads a dict with keys W1, b1, W2, b2, each of the
    shape of the parameter.
    """
    # BEGIN SOLUTION hint: see the handout, The two-layer network: the layers' backward in reverse order
    y_hat, (c1, c2, c3, c4) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    dz2 = sigmoid_backward(dy_hat, c4)
    dh, dW2, db2 = affine_backward(dz2, c3)
    dz1 = sigmoid_backward(dh, c2)
    _, dW1, db1 = affine_backward(dz1, c1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    # END SOLUTION
