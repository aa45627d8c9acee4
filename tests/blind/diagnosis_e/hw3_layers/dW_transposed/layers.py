import numpy as np


def affine_forward(x, W, b):
    """out = x W^T + b"""
    x, W, b = (np.asarray(v, dtype=float) for v in (x, W, b))
    out = x.dot(W.T) + b
    cache = (x, W, b)
    return out, cache


def affine_backward(dout, cache):
    x, W, b = cache
    dx = dout.dot(W)
    dW = x.T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dW, db


def sigmoid_forward(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    m = x >= 0
    out[m] = 1 / (1 + np.exp(-x[m]))
    t = np.exp(x[~m])
    out[~m] = t / (1 + t)
    return out, out.copy()


def sigmoid_backward(dout, cache):
    out = cache
    return dout * out * (1 - out)


def l2_loss(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    loss = np.sum(np.square(y_hat - y))
    dy_hat = 2 * (y_hat - y)
    return float(loss), dy_hat


def two_layer_forward(X, params):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    a1, fc1 = affine_forward(X, W1, b1)
    h, s1 = sigmoid_forward(a1)
    a2, fc2 = affine_forward(h, W2, b2)
    y_hat, s2 = sigmoid_forward(a2)
    return y_hat, (fc1, s1, fc2, s2)


def two_layer_loss_and_grads(X, Y, params):
    y_hat, (fc1, s1, fc2, s2) = two_layer_forward(X, params)
    loss, dy_hat = l2_loss(y_hat, Y)
    da2 = sigmoid_backward(dy_hat, s2)
    dh, dW2, db2 = affine_backward(da2, fc2)
    da1 = sigmoid_backward(dh, s1)
    dX, dW1, db1 = affine_backward(da1, fc1)
    grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
    return loss, grads
