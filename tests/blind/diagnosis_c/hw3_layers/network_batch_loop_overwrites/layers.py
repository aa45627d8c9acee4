"""hw3: layers and a two-layer network (one example at a time, like the seeds)."""
import numpy as np


def affine_forward(x, W, b):
    x = np.asarray(x, dtype=float)
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    return x @ W.T + b, (x, W)


def affine_backward(dout, cache):
    x, W = cache
    return dout @ W, dout.T @ x, dout.sum(axis=0)


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    neg_abs = -np.abs(x)
    e = np.exp(neg_abs)
    s = np.where(x >= 0, 1.0, e) / (1.0 + e)
    return s, s


def sigmoid_backward(dout, cache):
    return dout * cache * (1.0 - cache)


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    d = y_hat - y
    return float(np.sum(d * d)), 2.0 * d


def two_layer_forward(X, params):
    z1, ca1 = affine_forward(X, params["W1"], params["b1"])
    h, cs1 = sigmoid_forward(z1)
    z2, ca2 = affine_forward(h, params["W2"], params["b2"])
    y_hat, cs2 = sigmoid_forward(z2)
    return y_hat, (ca1, cs1, ca2, cs2)


def _one_example(x, y, params):
    """Loss and gradients for a batch of one (x of shape (1, D))."""
    y_hat, (ca1, cs1, ca2, cs2) = two_layer_forward(x, params)
    loss, dy = l2_loss(y_hat, y)
    dz2 = sigmoid_backward(dy, cs2)
    dh, dW2, db2 = affine_backward(dz2, ca2)
    dz1 = sigmoid_backward(dh, cs1)
    _, dW1, db1 = affine_backward(dz1, ca1)
    return loss, {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


def two_layer_loss_and_grads(X, Y, params):
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    total_loss = 0.0
    grads = None
    for n in range(X.shape[0]):
        loss_n, grads_n = _one_example(X[n:n + 1], Y[n:n + 1], params)
        total_loss += loss_n
        grads = grads_n
    return total_loss, grads
