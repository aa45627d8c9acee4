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
    raise NotImplementedError('see the handout, The layers; keep in the cache what affine_backward needs')


def affine_backward(dout, cache):
    """Backward pass of affine_forward.

    dout: (N, M), the upstream gradient dL/dout. Returns (dx, dW, db) with the
    shapes of x (N, D), W (M, D) and b (M,).
    """
    raise NotImplementedError('see the handout, The layers: each gradient has the shape of what it differentiates')


def sigmoid_forward(x):
    """Elementwise logistic function 1 / (1 + exp(-x)), no overflow for |x| up to 1e4.

    x: any shape. Returns (out, cache) with out of the shape of x.
    """
    x = np.asarray(x, dtype=np.float64)
    raise NotImplementedError('see the handout, The layers: mind large |x|; cache what the backward needs')


def sigmoid_backward(dout, cache):
    """Backward pass of sigmoid_forward: dx = dout * s * (1 - s), s the forward's output.

    dout: the shape of the forward's output. Returns dx of that shape.
    """
    raise NotImplementedError('see the handout, The layers')


def l2_loss(y_hat, y):
    """Squared-error loss summed over all elements: loss = sum((y_hat - y) ** 2).

    y_hat, y: the same shape, (N, K). Returns (loss, dy_hat): loss a float,
    dy_hat = dloss/dy_hat of the shape of y_hat.
    """
    raise NotImplementedError('see the handout, Conventions and The layers')


def two_layer_forward(X, params):
    """Two-layer network: y_hat = sigmoid(sigmoid(X @ W1.T + b1) @ W2.T + b2).

    X: (N, D). params: dict with W1 (H, D), b1 (H,), W2 (K, H), b2 (K,).
    Returns (y_hat, cache) with y_hat of shape (N, K).
    """
    raise NotImplementedError('see the handout, The two-layer network')


def two_layer_loss_and_grads(X, Y, params):
    """Loss and parameter gradients of the two-layer network for the batch X, Y.

    X: (N, D), Y: (N, K). The loss is l2_loss(y_hat, Y), a sum over the batch.
    Returns (loss, grads): grads a dict with keys W1, b1, W2, b2, each of the
    shape of the parameter.
    """
    raise NotImplementedError("see the handout, The two-layer network: the layers' backward in reverse order")
